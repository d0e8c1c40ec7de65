package dev.events.memory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.events.consume.EventHandler;
import dev.events.consume.FailedRecord;
import dev.events.deadletter.DeadLetter;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.InMemoryDeadLetterStore;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record whose dead letter cannot be stored is not dropped: the in-memory transport tries it
 * again from its first attempt, as spring-kafka's error handler does on Kafka, and the records
 * behind it wait.
 */
@SpringBootTest(classes = { TestApplication.class, InMemoryDeadLetterStoreDownIntegrationTests.Handlers.class },
		properties = { "events.transport=in-memory", "spring.kafka.bootstrap-servers=127.0.0.1:1",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=10ms" })
class InMemoryDeadLetterStoreDownIntegrationTests {

	private static final String HANDLER = "gifts";

	@Autowired
	EventPublisher publisher;

	@Autowired
	InMemoryTransport transport;

	@Autowired
	Handlers handlers;

	@Autowired
	StoreDownOnce deadLetterStore;

	@Test
	void aRecordWhoseDeadLetterCannotBeStoredIsTriedAgainFromItsFirstAttempt() throws InterruptedException {
		this.publisher.publish(new Gift("g-poison"));
		this.publisher.publish(new Gift("g-fine"));
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(20))).isTrue();

		assertThat(this.deadLetterStore.refused).hasValue(1);
		assertThat(this.handlers.attempts).containsExactly("g-poison", "g-poison", "g-poison", "g-poison", "g-fine");
		assertThat(this.deadLetterStore.sequence(HANDLER, "g-poison")).extracting(DeadLetter::reason)
			.containsExactly("HANDLER_FAILED");
	}

	@DomainEvent(type = "dev.events.memory.Gift", topic = "gifts", key = "id")
	record Gift(String id) {
	}

	/**
	 * The in-memory store, refusing the first dead letter as a database that is down would.
	 */
	static class StoreDownOnce extends InMemoryDeadLetterStore {

		final AtomicInteger refused = new AtomicInteger();

		@Override
		public void add(FailedRecord record) {
			if (this.refused.compareAndSet(0, 1)) {
				throw new DataAccessResourceFailureException("The dead-letter store is down");
			}
			super.add(record);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> attempts = new CopyOnWriteArrayList<>();

		@Bean
		DeadLetterStore deadLetterStore() {
			return new StoreDownOnce();
		}

		@Bean
		GiftHandler giftHandler() {
			return new GiftHandler(this.attempts);
		}

	}

	static class GiftHandler {

		private final List<String> attempts;

		GiftHandler(List<String> attempts) {
			this.attempts = attempts;
		}

		@EventHandler(id = HANDLER)
		void wrap(Gift gift) {
			this.attempts.add(gift.id());
			if (gift.id().equals("g-poison")) {
				throw new IllegalStateException("Gift " + gift.id() + " cannot be wrapped");
			}
		}

	}

}
