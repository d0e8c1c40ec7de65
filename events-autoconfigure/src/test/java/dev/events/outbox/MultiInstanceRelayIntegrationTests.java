package dev.events.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.support.SlowSender;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Application instances share one database and one broker: the shards spread over the relays,
 * move as instances join and leave while events flow, and every event is sent once, in order
 * per key.
 */
abstract class MultiInstanceRelayIntegrationTests {

	private final TestDatabase server;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	private ConfigurableApplicationContext third;

	private JdbcClient jdbc;

	MultiInstanceRelayIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@BeforeEach
	void startTwoInstances() {
		this.first = start("instance-a");
		this.second = start("instance-b");
		this.jdbc = JdbcClient.create(this.second.getBean(DataSource.class));
	}

	@AfterEach
	void stopInstances() {
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { this.first, this.second,
				this.third }) {
			if (instance != null) {
				instance.close();
			}
		}
	}

	private DataSource dataSource() {
		return this.second.getBean(DataSource.class);
	}

	private ConfigurableApplicationContext start(String instanceId) {
		return Instances.on(this.server, "instances", SlowAcknowledgements.class)
			.properties("events.topics.shared.partitions=4", "events.topics.takeover.partitions=2",
					"events.outbox.relay.instance-id=" + instanceId, "events.outbox.relay.lease-refresh-interval=100ms",
					"events.outbox.relay.lease-duration=5s", "events.outbox.relay.batch-size=100")
			.run();
	}

	@Test
	void relaysShareShardsAndKeepEveryKeysOrderWhileInstancesJoinAndLeave() throws Exception {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(shardsByOwner()).containsOnly(Map.entry("instance-a", 8L),
					Map.entry("instance-b", 8L)));

		EventPublisher publisher = this.second.getBean(EventPublisher.class);
		AtomicBoolean publishing = new AtomicBoolean(true);
		AtomicInteger rounds = new AtomicInteger();
		int keys = 40;
		CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
			while (publishing.get()) {
				int sequence = rounds.get();
				for (int key = 0; key < keys; key++) {
					publisher.publish(new SharedEvent("key-" + key, sequence));
				}
				rounds.incrementAndGet();
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> rounds.get() >= 20);
		this.third = start("instance-c");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(shardsByOwner()).containsOnlyKeys("instance-a", "instance-b", "instance-c"));
		int joinedAt = rounds.get();
		await().atMost(Duration.ofSeconds(20)).until(() -> rounds.get() >= joinedAt + 20);
		this.first.close();
		this.first = null;
		int leftAt = rounds.get();
		await().atMost(Duration.ofSeconds(20)).until(() -> rounds.get() >= leftAt + 20);
		publishing.set(false);
		flow.get();

		int published = rounds.get() * keys;
		await().atMost(Duration.ofSeconds(30)).until(() -> new OutboxRows(dataSource()).all("shared") == 0);
		KeyOrder order = KeyOrder.of(TopicReader.readRaw("shared", published), Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(published);
		assertThat(order.violations()).isEmpty();
		assertThat(order.duplicates()).as("sent twice").isZero();
		assertThat(shardsByOwner()).containsOnlyKeys("instance-b", "instance-c");
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
		this.first = null;

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

	/**
	 * Acknowledgements that take a while, as over a real network, so that shards change hands
	 * while their sends are in flight.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SlowAcknowledgements {

		@Bean
		EventSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate, CloudEventRecordMapper mapper) {
			return new SlowSender(new KafkaEventSender(eventsKafkaTemplate, mapper), Duration.ofMillis(100));
		}

	}

	@DomainEvent(type = "dev.events.test.SharedEvent", topic = "shared", key = "key")
	record SharedEvent(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.TakeoverEvent", topic = "takeover", key = "key")
	record TakeoverEvent(String key) {
	}

}
