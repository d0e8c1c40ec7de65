package dev.events.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.annotation.DirtiesContext;

import dev.events.publish.EventPublisher;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.support.TestApplication;
import dev.events.test.KeyOrder;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that can never be sent as it is (larger than the producer or the topic accepts) is
 * parked after the configured attempts, is visible, and holds the later events of its key
 * behind it, while other keys flow, until it is retried or discarded.
 */
@SpringBootTest(classes = { TestApplication.class, OutboxParkingIntegrationTests.Metrics.class },
		properties = { "events.outbox.relay.max-attempts=3", "events.outbox.relay.initial-backoff=50ms",
				"events.outbox.relay.max-backoff=100ms", "spring.kafka.producer.properties[max.request.size]=4000",
				"events.topics.oversized.partitions=1", "events.topics.limited.partitions=1",
				"events.topics.limited.config[max.message.bytes]=2000" })
@DirtiesContext
abstract class OutboxParkingIntegrationTests {

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
	void eventTooLargeForTheProducerIsParkedAndHoldsItsKeyUntilDiscarded() {
		double parkedBefore = this.meters.counter("events.relay.parked").count();
		UUID tooLarge = this.publisher.publish(new Oversized("held", 0, "x".repeat(5000)));
		this.publisher.publish(new Oversized("held", 1, ""));
		this.publisher.publish(new Oversized("held", 2, ""));
		this.publisher.publish(new Oversized("free", 0, ""));
		this.publisher.publish(new Oversized("free", 1, ""));

		OutboxRows rows = new OutboxRows(this.dataSource);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked("oversized") == 1);
		List<ConsumerRecord<String, byte[]>> beforeDiscard = TopicReader.readRaw("oversized", 2);
		assertThat(beforeDiscard).extracting(ConsumerRecord::key).containsExactly("free", "free");
		assertThat(rows.pending("oversized")).as("later events of the parked key wait behind it").isEqualTo(2);
		this.outboxMetrics.bindTo(this.meters);
		assertThat(this.meters.counter("events.relay.parked").count()).isEqualTo(parkedBefore + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meters.get("events.outbox.parked").gauge().value()).isEqualTo(1));
		List<ParkedEvent> parked = this.store.findParked(10);
		assertThat(parked).singleElement().satisfies((event) -> {
			assertThat(event.eventId()).isEqualTo(tooLarge);
			assertThat(event.attempts()).isEqualTo(3);
			assertThat(event.key()).isEqualTo("held");
			assertThat(event.lastError()).contains("RecordTooLargeException");
		});

		assertThat(this.store.discardParked(tooLarge)).isTrue();
		assertThat(this.store.discardParked(tooLarge)).as("discarded already").isFalse();
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("oversized", 4);
		assertThat(records).extracting(ConsumerRecord::key).containsExactly("free", "free", "held", "held");
		assertThat(KeyOrder.of(records, Sequences::of).violations()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> rows.all("oversized") == 0);
	}

	@Test
	void eventTheBrokerRejectsIsParkedWithLaterEventsOfItsKeyKeptAndAllSentInOrderWhenRetried() throws Exception {
		UUID tooLarge = this.publisher.publish(new Limited("k", 0, "x".repeat(3000)));
		this.publisher.publish(new Limited("k", 1, ""));
		this.publisher.publish(new Limited("k", 2, ""));

		OutboxRows rows = new OutboxRows(this.dataSource);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked("limited") == 1);
		assertThat(rows.pending("limited"))
			.as("events sent after the rejected one are not marked sent ahead of it").isEqualTo(2);
		assertThat(this.store.findParked(10)).extracting(ParkedEvent::lastError)
			.anySatisfy((error) -> assertThat(error).contains("RecordTooLargeException"));

		raiseMaxMessageBytes("limited");
		assertThat(this.store.retryParked(tooLarge)).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("limited") == 0);
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("limited", 3);
		List<String> lastThree = records.subList(records.size() - 3, records.size())
			.stream()
			.map((record) -> TopicReader.header(record, "ce_id"))
			.toList();
		assertThat(lastThree).first().isEqualTo(tooLarge.toString());
		assertThat(sequences(records.subList(records.size() - 3, records.size()))).containsExactly(0, 1, 2);
	}

	private void raiseMaxMessageBytes(String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(new AlterConfigOp(
				new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100000"), AlterConfigOp.OpType.SET)));
		try (Admin adminClient = Admin.create(this.admin.getConfigurationProperties())) {
			adminClient.incrementalAlterConfigs(change).all().get();
		}
	}

	private static List<Integer> sequences(List<ConsumerRecord<String, byte[]>> records) {
		JsonMapper json = new JsonMapper();
		return records.stream().map((record) -> json.readTree(record.value()).get("sequence").asInt()).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@DomainEvent(type = "dev.events.test.Oversized", topic = "oversized", key = "key")
	record Oversized(String key, int sequence, String padding) {
	}

	@DomainEvent(type = "dev.events.test.Limited", topic = "limited", key = "key")
	record Limited(String key, int sequence, String padding) {
	}

}
