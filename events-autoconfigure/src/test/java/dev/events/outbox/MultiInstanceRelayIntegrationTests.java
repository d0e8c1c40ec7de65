package dev.events.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances share one database and one broker: the shards spread over both
 * relays and every event is sent once, in order per key.
 */
class MultiInstanceRelayIntegrationTests {

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	private JdbcClient jdbc;

	@BeforeEach
	void startTwoInstances() {
		this.first = start("instance-a");
		this.second = start("instance-b");
		this.jdbc = JdbcClient.create(this.second.getBean(DataSource.class));
	}

	@AfterEach
	void stopInstances() {
		this.first.close();
		this.second.close();
	}

	private static ConfigurableApplicationContext start(String instanceId) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + EmbeddedServices.kafkaBootstrapServers(),
					"spring.datasource.url=" + EmbeddedServices.postgresJdbcUrl("instances"),
					"spring.datasource.username=postgres", "spring.datasource.password=postgres",
					"events.topics.shared.partitions=4", "events.topics.takeover.partitions=2", "events.outbox.relay.instance-id=" + instanceId,
					"events.outbox.relay.lease-refresh-interval=100ms", "events.outbox.relay.lease-duration=5s")
			.run();
	}

	@Test
	void relaysShareShardsAndSendEveryEventOnceInOrderPerKey() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(shardsByOwner()).containsOnly(Map.entry("instance-a", 8L),
					Map.entry("instance-b", 8L)));

		EventPublisher[] publishers = { this.first.getBean(EventPublisher.class),
				this.second.getBean(EventPublisher.class) };
		int keys = 40;
		int eventsPerKey = 50;
		for (int sequence = 0; sequence < eventsPerKey; sequence++) {
			for (int key = 0; key < keys; key++) {
				publishers[(sequence + key) % 2].publish(new SharedEvent("key-" + key, sequence));
			}
		}

		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.read("shared", keys * eventsPerKey);
		assertThat(records).hasSize(keys * eventsPerKey);
		Set<String> ids = new HashSet<>();
		Map<String, Integer> next = new HashMap<>();
		for (ConsumerRecord<String, CloudEvent> record : records) {
			assertThat(ids.add(record.value().getId())).as("sent once: %s", record.value().getId()).isTrue();
			int expected = next.getOrDefault(record.key(), 0);
			assertThat(new String(record.value().getData().toBytes())).as("order of %s", record.key())
				.contains("\"sequence\":" + expected + "}");
			next.put(record.key(), expected + 1);
		}
		assertThat(shardsByOwner()).containsOnlyKeys("instance-a", "instance-b");
	}

	@Test
	void shardsOfAStoppedInstanceAreTakenOverAndItsEventsStillSent() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(shardsByOwner()).containsOnlyKeys("instance-a", "instance-b"));
		EventPublisher firstPublisher = this.first.getBean(EventPublisher.class);
		this.first.getBean(OutboxRelay.class).stop();
		for (int key = 0; key < 20; key++) {
			firstPublisher.publish(new TakeoverEvent("key-" + key));
		}
		this.first.close();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(shardsByOwner()).containsOnly(Map.entry("instance-b", 16L)));
		assertThat(TopicReader.read("takeover", 20)).hasSize(20);
	}

	private Map<String, Long> shardsByOwner() {
		Map<String, Long> owners = new HashMap<>();
		this.jdbc.sql("SELECT owner, COUNT(*) AS shards FROM events_outbox_lease WHERE owner IS NOT NULL GROUP BY owner")
			.query((row) -> {
				owners.put(row.getString("owner"), row.getLong("shards"));
			});
		return owners;
	}

	@DomainEvent(type = "dev.events.test.SharedEvent", topic = "shared", key = "key")
	record SharedEvent(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.TakeoverEvent", topic = "takeover", key = "key")
	record TakeoverEvent(String key) {
	}

}
