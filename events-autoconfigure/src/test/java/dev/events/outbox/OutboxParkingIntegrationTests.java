package dev.events.outbox;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.publish.EventPublisher;
import dev.events.test.EmbeddedServices;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that keeps failing is parked after the configured attempts, is visible, and is sent
 * once an operator retries it.
 */
@SpringBootTest(classes = { TestApplication.class, OutboxParkingIntegrationTests.Metrics.class },
		properties = { "events.outbox.relay.max-attempts=3", "events.outbox.relay.initial-backoff=50ms",
				"events.outbox.relay.max-backoff=100ms", "spring.kafka.producer.properties[max.block.ms]=200" })
@DirtiesContext
class OutboxParkingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "relay_parking");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	OutboxStore store;

	@Autowired
	DataSource dataSource;

	@Autowired
	KafkaAdmin admin;

	@Autowired
	MeterRegistry meters;

	@Autowired
	OutboxMetrics outboxMetrics;

	@Test
	void eventThatKeepsFailingIsParkedAndSentWhenRetried() {
		for (int i = 0; i < 3; i++) {
			this.publisher.publish(new Undeliverable("key-" + i));
		}
		OutboxRows rows = new OutboxRows(this.dataSource);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked("undeliverable") == 3);
		assertThat(rows.pending("undeliverable")).isZero();
		assertThat(this.store.countParked()).isEqualTo(3);
		this.outboxMetrics.bindTo(this.meters);
		assertThat(this.meters.get("events.relay.failed").counter().count()).isEqualTo(9);
		assertThat(this.meters.get("events.relay.parked").counter().count()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("events.outbox.parked").gauge().value()).isEqualTo(3));
		List<ParkedEvent> parked = this.store.findParked(10);
		assertThat(parked).hasSize(3).allSatisfy((event) -> {
			assertThat(event.attempts()).isEqualTo(3);
			assertThat(event.topic()).isEqualTo("undeliverable");
			assertThat(event.lastError()).contains("UnknownTopicOrPartitionException");
		});

		this.admin.createOrModifyTopics(new NewTopic("undeliverable", 1, (short) 1));
		assertThat(this.store.retryParked(parked.get(0).eventId())).isTrue();
		assertThat(this.store.retryAllParked()).isEqualTo(2);
		assertThat(TopicReader.read("undeliverable", 3)).hasSize(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> rows.all("undeliverable") == 0);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@DomainEvent(type = "dev.events.test.Undeliverable", topic = "undeliverable", key = "key")
	record Undeliverable(String key) {
	}

}
