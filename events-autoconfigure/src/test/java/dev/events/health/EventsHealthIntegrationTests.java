package dev.events.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health tells the truth about the outbox: it degrades and goes down as events wait, and comes
 * back up once they are sent.
 */
@SpringBootTest(classes = { TestApplication.class, EventsHealthIntegrationTests.Handlers.class },
		properties = { "events.topics.heartbeats.partitions=1", "events.health.outbox.warning-age=1s",
				"events.health.outbox.critical-age=3s", "events.outbox.backlog-refresh-interval=100ms",
				"events.health.kafka.cache-duration=100ms", "events.outbox.relay.initial-backoff=100ms",
				"events.outbox.relay.max-backoff=200ms", "spring.kafka.producer.properties[max.block.ms]=200" })
@DirtiesContext
class EventsHealthIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "health");
	}

	@Autowired
	EventsHealthIndicator health;

	@Autowired
	EventPublisher publisher;

	@Autowired
	KafkaAdmin admin;

	@Test
	void healthIsUpWithDetailsOfKafkaOutboxAndHandlers() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Health health = this.health.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(detail(health, "kafka")).containsEntry("status", "UP").containsEntry("nodes", 1);
			assertThat(detail(health, "outbox")).containsEntry("status", "UP").containsEntry("parked", 0L);
			assertThat(detail(health, "handlers")).containsKey("heartbeat-listener");
			assertThat(detail(detail(health, "handlers"), "heartbeat-listener")).containsEntry("running", true)
				.containsEntry("assignedPartitions", List.of("heartbeats-0"));
			assertThat(health.getDetails()).containsEntry("deadLettered", 0L);
		});
	}

	@Test
	void healthDegradesThenGoesDownAsTheOutboxBacklogAgesAndRecoversOnceDrained() {
		this.publisher.publish(new Delayed("d-1"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.health.health().getStatus()).isEqualTo(EventsHealthIndicator.DEGRADED));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN));
		Health down = this.health.health();
		assertThat(detail(down, "outbox")).containsEntry("status", "DOWN").containsEntry("pending", 1L);
		assertThat(detail(down, "kafka")).containsEntry("status", "UP");

		this.admin.createOrModifyTopics(new NewTopic("delayed", 1, (short) 1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.health.health().getStatus()).isEqualTo(Status.UP));
		assertThat(detail(this.health.health(), "outbox")).containsEntry("pending", 0L);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Health health, String name) {
		return (Map<String, Object>) health.getDetails().get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Map<String, Object> details, String name) {
		return (Map<String, Object>) details.get(name);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		HeartbeatListener heartbeatListener() {
			return new HeartbeatListener();
		}

	}

	static class HeartbeatListener {

		@EventHandler(id = "heartbeat-listener")
		void on(Heartbeat heartbeat) {
		}

	}

	@DomainEvent(type = "dev.events.test.Heartbeat", topic = "heartbeats")
	record Heartbeat() {
	}

	@DomainEvent(type = "dev.events.test.Delayed", topic = "delayed", key = "id")
	record Delayed(String id) {
	}

}
