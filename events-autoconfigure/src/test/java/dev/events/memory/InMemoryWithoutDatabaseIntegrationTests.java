package dev.events.memory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.events.consume.DeadLetterDestination;
import dev.events.consume.EventHandler;
import dev.events.consume.HandlerErrorHandlerFactory;
import dev.events.consume.UndeliverableEventException;
import dev.events.deadletter.DeadLetter;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.DeadLetters;
import dev.events.endpoint.EventsEndpoint;
import dev.events.health.EventsHealthIndicator;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory transport without a database: handlers run at least once, and a record that
 * keeps failing becomes a dead letter kept in memory, in order per key as in the database,
 * counted and shown in the health, and retried or discarded as any other; those meant for a
 * dead-letter topic are kept by the transport.
 */
@SpringBootTest(classes = { TestApplication.class, InMemoryWithoutDatabaseIntegrationTests.Handlers.class },
		properties = { "events.transport=in-memory", "spring.kafka.bootstrap-servers=127.0.0.1:1",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=10ms",
				"management.endpoints.web.exposure.include=events" })
class InMemoryWithoutDatabaseIntegrationTests {

	private static final String HANDLER = "parcels";

	@Autowired
	EventPublisher publisher;

	@Autowired
	InMemoryTransport transport;

	@Autowired
	EventsHealthIndicator health;

	@Autowired
	Handlers handlers;

	@Autowired
	DeadLetterStore deadLetterStore;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	EventsEndpoint endpoint;

	@Autowired
	HandlerErrorHandlerFactory errorHandlers;

	@BeforeEach
	void forgetWhatOtherTestsDelivered() throws InterruptedException {
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(10))).isTrue();
		this.handlers.delivered.clear();
	}

	@Test
	void aRecordThatKeepsFailingIsKeptInMemoryHoldingItsKeyAndIsRetriedLikeAnyOther() throws InterruptedException {
		long deadLetteredBefore = this.errorHandlers.deadLetteredCount();
		this.handlers.failing.add("p-poison");
		this.publisher.publish(new Parcel("p-poison", 1));
		this.publisher.publish(new Parcel("p-poison", 2));
		this.publisher.publish(new Parcel("p-fine", 1));
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(10))).isTrue();

		assertThat(this.handlers.delivered).containsExactly("p-fine");
		assertThat(this.deadLetterStore.sequence(HANDLER, "p-poison")).extracting(DeadLetter::reason)
			.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND");
		Health health = this.health.health();
		assertThat(health.getDetails()).containsEntry("transport", "in-memory")
			.containsEntry("deadLettered", deadLetteredBefore + 1);
		assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(this.endpoint.list("dead-letters", HANDLER, "p-poison", null, null, null, SecurityContext.NONE))
			.hasSize(2);

		this.handlers.failing.clear();
		this.deadLetters.retrySequence(HANDLER, "p-poison");
		assertThat(this.handlers.delivered).containsExactly("p-fine", "p-poison", "p-poison");
		assertThat(this.deadLetterStore.sequence(HANDLER, "p-poison")).isEmpty();
	}

	@Test
	void aDeadLetterMeantForATopicIsKeptByTheTransport() throws InterruptedException {
		this.publisher.publish(new Letter("l-poison"));
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(10))).isTrue();

		assertThat(this.transport.deadLetters()).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo("letters.dlt");
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("l-poison");
			assertThat(new String(record.headers().lastHeader(UndeliverableEventException.REASON_HEADER).value(),
					StandardCharsets.UTF_8)).isEqualTo("HANDLER_FAILED");
		});
	}

	@Test
	void eventsSentWhileTheTransportIsStoppedAreHandledOnceItStartsAgain() throws InterruptedException {
		this.transport.stop();
		assertThat(this.transport.isRunning()).isFalse();
		this.publisher.publish(new Parcel("p-while-stopped", 1));
		assertThat(this.transport.awaitIdle(Duration.ofMillis(200))).isFalse();

		this.transport.start();
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(10))).isTrue();
		assertThat(this.handlers.delivered).contains("p-while-stopped");
	}

	@Test
	void eventsOfAKeyArriveInTheOrderPublished() {
		for (int number = 1; number <= 200; number++) {
			this.publisher.publish(new Parcel("p-ordered", number));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.handlers.numbers.size() == 200);
		assertThat(this.handlers.numbers).isSorted().doesNotHaveDuplicates();
	}

	@DomainEvent(type = "dev.events.memory.Parcel", topic = "parcels", key = "id")
	record Parcel(String id, int number) {
	}

	@DomainEvent(type = "dev.events.memory.Letter", topic = "letters", key = "id")
	record Letter(String id) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> delivered = new CopyOnWriteArrayList<>();

		final Set<String> failing = ConcurrentHashMap.newKeySet();

		final List<Integer> numbers = new CopyOnWriteArrayList<>();

		@Bean
		ParcelHandler parcelHandler() {
			return new ParcelHandler(this);
		}

	}

	static class ParcelHandler {

		@EventHandler(id = "letters", deadLetters = DeadLetterDestination.TOPIC)
		void post(Letter letter) {
			throw new IllegalStateException("Letter " + letter.id() + " cannot be posted");
		}

		private final Handlers handlers;

		ParcelHandler(Handlers handlers) {
			this.handlers = handlers;
		}

		@EventHandler(id = HANDLER)
		void deliver(Parcel parcel) {
			if (this.handlers.failing.contains(parcel.id())) {
				throw new IllegalStateException("Parcel " + parcel.id() + " cannot be delivered");
			}
			if (parcel.id().equals("p-ordered")) {
				this.handlers.numbers.add(parcel.number());
			}
			else {
				this.handlers.delivered.add(parcel.id());
			}
		}

	}

}
