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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.publish.EventPublisher;
import dev.events.test.EmbeddedServices;
import dev.events.support.OutboxRows;
import dev.events.support.Shards;
import dev.events.support.TestApplication;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends that fail: the topic of some events does not exist yet (the broker does not create
 * topics on demand), so every send of theirs fails after {@code max.block.ms}.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "events.topics.healthy.partitions=2", "events.outbox.relay.max-attempts=1000",
				"events.outbox.relay.initial-backoff=100ms", "events.outbox.relay.max-backoff=400ms",
				"spring.kafka.producer.properties[max.block.ms]=300" })
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
		await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts("late") >= 2);
		assertThat(rows.pending("late")).isEqualTo(60);
		assertThat(rows.parked("late")).isZero();

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
	}

	private long failedAttempts(String topic) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT COALESCE(MAX(attempts), 0) FROM events_outbox WHERE topic = ?")
			.param(topic)
			.query(Long.class)
			.single();
	}

	@DomainEvent(type = "dev.events.test.LateEvent", topic = "late", key = "key")
	record LateEvent(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.HealthyEvent", topic = "healthy", key = "key")
	record HealthyEvent(String key) {
	}

}
