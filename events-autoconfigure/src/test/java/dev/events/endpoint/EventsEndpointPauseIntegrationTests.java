package dev.events.endpoint;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.Instances;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler paused through the endpoint of one instance is paused on every instance: both hold
 * their partitions without handling, the read view shows each instance's state and the lag, and
 * resuming handles what waited.
 */
@SpringBootTest(classes = { TestApplication.class, EventsEndpointPauseIntegrationTests.Counter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=events",
				"events.topics.counts.partitions=2", "events.handlers.pause-check-interval=200ms",
				"events.outbox.relay.instance-id=instance-a" })
class EventsEndpointPauseIntegrationTests {

	private static final String HANDLER = "counter";

	private static final String DATABASE = "events_endpoint_pause";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, DATABASE);
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	ConfigurableApplicationContext other;

	@AfterEach
	void stop() {
		if (this.other != null) {
			this.other.close();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void pauseAndResumeApplyToEveryInstance() {
		this.other = Instances.on(DATABASE, Counter.class)
			.properties("events.topics.counts.partitions=2", "events.handlers.pause-check-interval=200ms",
					"events.outbox.relay.instance-id=instance-b")
			.run();
		KafkaListenerEndpointRegistry otherListeners = this.other.getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.listeners.getListenerContainer(HANDLER).getAssignedPartitions()).hasSize(1);
			assertThat(otherListeners.getListenerContainer(HANDLER).getAssignedPartitions()).hasSize(1);
		});
		RestClient http = RestClient.create("http://localhost:" + this.managementPort + "/actuator/events");

		Map<String, Object> paused = http.post()
			.uri("/handlers/pause")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("handler", HANDLER))
			.retrieve()
			.body(Map.class);
		assertThat(paused).containsEntry("pauseRequested", true);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> handler = handler(http);
			assertThat(handler).containsEntry("pauseRequested", true).containsEntry("paused", true);
			assertThat((Map<String, Map<String, Object>>) handler.get("instances"))
				.containsOnlyKeys("instance-a", "instance-b")
				.allSatisfy((instance, state) -> assertThat(state).containsEntry("paused", true));
		});
		assertThat(otherListeners.getListenerContainer(HANDLER).isContainerPaused()).isTrue();

		for (int i = 0; i < 20; i++) {
			this.publisher.publish(new Count("k-" + i, i));
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(totalLag(http)).isEqualTo(20));
		assertThat(Counter.handled).isEmpty();

		http.post()
			.uri("/handlers/resume")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("handler", HANDLER))
			.retrieve()
			.toBodilessEntity();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Counter.handled).hasSize(20));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> handler = handler(http);
			assertThat(handler).containsEntry("pauseRequested", false).containsEntry("paused", false);
			assertThat((Map<String, Map<String, Object>>) handler.get("instances"))
				.allSatisfy((instance, state) -> assertThat(state).containsEntry("paused", false));
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> handler(RestClient http) {
		Map<String, Object> events = http.get().retrieve().body(Map.class);
		return (Map<String, Object>) ((Map<String, Object>) events.get("handlers")).get(HANDLER);
	}

	@SuppressWarnings("unchecked")
	private static long totalLag(RestClient http) {
		Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) handler(http).get("lag");
		return lag.values().stream().mapToLong((partition) -> ((Number) partition.get("lag")).longValue()).sum();
	}

	static class Counter {

		static final Queue<Integer> handled = new ConcurrentLinkedQueue<>();

		@EventHandler(id = HANDLER)
		void count(Count count) {
			AfterCommit.run(() -> handled.add(count.value()));
		}

	}

	@DomainEvent(type = "dev.events.test.Count", topic = "counts", key = "key")
	record Count(String key, int value) {
	}

}
