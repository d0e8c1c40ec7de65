package dev.events.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventHandler;
import dev.events.outbox.OutboxRelay;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.EventsEndpointClient;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Republishing retained outbox events through the endpoint sends the events of the time range,
 * of the type asked for, to Kafka again with the same ids; the handler's inbox skips them (the
 * topic has one partition, so a marker published after them is handled after them). While they
 * wait for the relay, the backlog's age counts from their republishing, not from their events'
 * time, so health does not take them for a relay that lags.
 */
@SpringBootTest(classes = { TestApplication.class, EventsEndpointRepublishIntegrationTests.Archive.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=events",
				"events.outbox.retention=1h", "events.topics.archive-entries.partitions=1" })
class EventsEndpointRepublishIntegrationTests {

	private static final String TOPIC = "archive-entries";

	private static final Duration AN_HOUR = Duration.ofHours(1);

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "events_endpoint_republish");
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	OutboxRelay relay;

	@Autowired
	DataSource dataSource;

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void republishSendsTheRetainedEventsOfTheRangeAndTypeAgainWithTheirIds() throws Exception {
		EventsEndpointClient http = new EventsEndpointClient(this.managementPort);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainers())
				.allSatisfy((container) -> assertThat(container.getAssignedPartitions()).isNotEmpty()));
		this.publisher.publish(new Filed("k-1", "before"));
		await().atMost(Duration.ofSeconds(30)).until(() -> Archive.handled.contains("before"));
		Thread.sleep(100);
		Instant from = Instant.now();
		for (int i = 0; i < 3; i++) {
			this.publisher.publish(new Filed("k-" + i, "filed-" + i));
		}
		this.publisher.publish(new Shredded("k-0", "shredded"));
		await().atMost(Duration.ofSeconds(30)).until(() -> Archive.handled.size() == 5);
		Instant to = Instant.now().plusMillis(1);
		this.relay.stop();
		JdbcClient.create(this.dataSource)
			.sql("UPDATE events_outbox SET event_time = event_time - INTERVAL '1' HOUR")
			.update();

		ResponseEntity<Map> republished = post(http, Map.of("from", from.minus(AN_HOUR).toString(), "to",
				to.minus(AN_HOUR).toString(), "type", "dev.events.test.Filed"));

		assertThat(republished.getBody()).containsEntry("republished", 3);
		Map<String, Object> outbox = (Map<String, Object>) http.get("", Map.class).get("outbox");
		assertThat(outbox).containsEntry("pending", 3);
		assertThat(Duration.parse((String) outbox.get("oldestPendingAge")))
			.as("the backlog's age counts republished events from their republishing")
			.isLessThan(Duration.ofMinutes(1));
		this.relay.start();
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw(TOPIC, 8);
		Map<String, Long> copies = records.stream()
			.collect(Collectors.groupingBy(TopicReader::eventId, Collectors.counting()));
		assertThat(copies.values()).containsExactlyInAnyOrder(1L, 2L, 2L, 2L, 1L);
		this.publisher.publish(new Filed("k-0", "marker"));
		await().atMost(Duration.ofSeconds(30)).until(() -> Archive.handled.contains("marker"));
		assertThat(Archive.handled).as("handled once each, then the marker behind the copies").hasSize(6);

		assertThat(post(http, Map.of("from", from.minus(AN_HOUR).toString(), "to", to.minus(AN_HOUR).toString()))
			.getBody()).as("every type").containsEntry("republished", 4);
		Map<String, Long> copiesOfAll = TopicReader.readRaw(TOPIC, 13)
			.stream()
			.collect(Collectors.groupingBy(TopicReader::eventId, Collectors.counting()));
		assertThat(copiesOfAll.values()).containsExactlyInAnyOrder(1L, 3L, 3L, 3L, 2L, 1L);
		assertThat(post(http, Map.of("from", to.toString(), "to", from.toString())).getStatusCode())
			.isEqualTo(HttpStatusCode.valueOf(400));
		assertThat(post(http, Map.of("from", from.toString())).getStatusCode())
			.isEqualTo(HttpStatusCode.valueOf(400));
	}

	@SuppressWarnings("rawtypes")
	private static ResponseEntity<Map> post(EventsEndpointClient http, Map<String, Object> body) {
		return http.post("/outbox/republish", body);
	}

	static class Archive {

		static final Queue<String> handled = new ConcurrentLinkedQueue<>();

		@EventHandler(id = "archive")
		void file(Filed filed) {
			AfterCommit.run(() -> handled.add(filed.name()));
		}

		@EventHandler(id = "shredder")
		void shred(Shredded shredded) {
			AfterCommit.run(() -> handled.add(shredded.name()));
		}

	}

	@DomainEvent(type = "dev.events.test.Filed", topic = TOPIC, key = "key")
	record Filed(String key, String name) {
	}

	@DomainEvent(type = "dev.events.test.Shredded", topic = TOPIC, key = "key")
	record Shredded(String key, String name) {
	}

}
