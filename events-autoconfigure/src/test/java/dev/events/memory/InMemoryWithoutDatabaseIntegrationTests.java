package dev.events.memory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.events.consume.EventHandler;
import dev.events.consume.UndeliverableEventException;
import dev.events.health.EventsHealthIndicator;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory transport without a database: handlers run at least once, and a record that
 * keeps failing is kept in memory as a dead letter of its dead-letter topic, counted and shown in
 * the health, instead of going to Kafka.
 */
@SpringBootTest(classes = { TestApplication.class, InMemoryWithoutDatabaseIntegrationTests.Handlers.class },
		properties = { "events.transport=in-memory", "spring.kafka.bootstrap-servers=127.0.0.1:1",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=10ms" })
class InMemoryWithoutDatabaseIntegrationTests {

	@Autowired
	EventPublisher publisher;

	@Autowired
	InMemoryTransport transport;

	@Autowired
	EventsHealthIndicator health;

	@Autowired
	Handlers handlers;

	@Test
	void aRecordThatKeepsFailingIsKeptInMemoryCountedAndShownInTheHealth() throws InterruptedException {
		this.publisher.publish(new Parcel("p-poison", 1));
		this.publisher.publish(new Parcel("p-fine", 1));
		assertThat(this.transport.awaitIdle(Duration.ofSeconds(10))).isTrue();

		assertThat(this.handlers.delivered).containsExactly("p-fine");
		List<ConsumerRecord<byte[], byte[]>> deadLetters = this.transport.deadLetters();
		assertThat(deadLetters).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo("parcels.dlt");
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("p-poison");
			assertThat(new String(record.headers().lastHeader(UndeliverableEventException.REASON_HEADER).value(),
					StandardCharsets.UTF_8)).isEqualTo("HANDLER_FAILED");
		});
		Health health = this.health.health();
		Map<String, Object> details = health.getDetails();
		assertThat(details).containsEntry("transport", "in-memory").containsEntry("deadLettered", 1L);
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
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

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> delivered = new CopyOnWriteArrayList<>();

		final List<Integer> numbers = new CopyOnWriteArrayList<>();

		@Bean
		ParcelHandler parcelHandler() {
			return new ParcelHandler(this);
		}

	}

	static class ParcelHandler {

		private final Handlers handlers;

		ParcelHandler(Handlers handlers) {
			this.handlers = handlers;
		}

		@EventHandler
		void deliver(Parcel parcel) {
			if (parcel.id().equals("p-poison")) {
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
