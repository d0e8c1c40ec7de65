package dev.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.health.EventsHealthIndicator;
import dev.events.publish.EventPublisher;
import dev.events.support.OutboxRows;
import dev.events.support.Shards;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends that fail: the topic of some events does not exist yet (the broker does not create
 * topics on demand), so every send of theirs fails after {@code max.block.ms}. That is waited
 * out like a broker outage, with the default {@code max-attempts}: nothing is parked, health
 * names the missing topic, and creating it resumes sending.
 */
@SpringBootTest(classes = { TestApplication.class, OutboxRelayFailureIntegrationTests.Metrics.class },
		properties = { "events.topics.healthy.partitions=2", "events.outbox.relay.initial-backoff=50ms",
				"events.outbox.relay.max-backoff=100ms", "spring.kafka.producer.properties[max.block.ms]=200",
				"events.health.kafka.cache-duration=100ms", "events.outbox.backlog-refresh-interval=100ms" })
@DirtiesContext
class OutboxRelayFailureIntegrationTests {

	private static final int SHARDS = 16;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "relay_failures");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DataSource dataSource;

	@Autowired
	KafkaAdmin admin;

	@Autowired
	MeterRegistry meters;

	@Autowired
	EventsHealthIndicator health;

	@Test
	void failedSendsKeepEventsHoldBackOnlyTheirShardsAndDeliverInOrderOnceSendingWorks() {
		Set<String> lateKeys = Shards.keys("late-", 3, SHARDS, (shard) -> shard < 4);
		Set<String> healthyKeys = Shards.keys("healthy-", 3, SHARDS, (shard) -> shard >= 4);
		for (int sequence = 0; sequence < 20; sequence++) {
			for (String key : lateKeys) {
				this.publisher.publish(new LateEvent(key, sequence));
			}
		}
		List<UUID> healthy = new ArrayList<>();
		for (String key : healthyKeys) {
			healthy.add(this.publisher.publish(new HealthyEvent(key)));
		}

		TopicReader.read("healthy", healthy.size());
		OutboxRows rows = new OutboxRows(this.dataSource);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.meters.get("events.relay.failed").counter().count() >= 3 * 11);
		assertThat(rows.pending("late")).isEqualTo(60);
		assertThat(rows.parked("late")).as("a missing topic parks nothing").isZero();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Health health = this.health.health();
			assertThat(health.getStatus()).isEqualTo(EventsHealthIndicator.DEGRADED);
			assertThat(health.getDetails().get("outbox")).asString().contains("missingTopics=[late]");
		});

		this.admin.createOrModifyTopics(new NewTopic("late", 2, (short) 1));
		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.read("late", 60);
		assertThat(records).hasSize(60);
		Map<String, Integer> next = new HashMap<>();
		for (ConsumerRecord<String, CloudEvent> record : records) {
			int expected = next.getOrDefault(record.key(), 0);
			assertThat(new String(record.value().getData().toBytes())).contains("\"sequence\":" + expected);
			next.put(record.key(), expected + 1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> rows.all("late") == 0);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(
				() -> assertThat(this.health.health().getDetails().get("outbox")).asString().doesNotContain("late"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@DomainEvent(type = "dev.events.test.LateEvent", topic = "late", key = "key")
	record LateEvent(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.HealthyEvent", topic = "healthy", key = "key")
	record HealthyEvent(String key) {
	}

}
