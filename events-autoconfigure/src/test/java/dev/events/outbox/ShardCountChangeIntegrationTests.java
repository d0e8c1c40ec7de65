package dev.events.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.publish.EventPublisher;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling change of {@code events.outbox.shards}: an instance with the new count starts while
 * one with the old count runs and both publish; then the old one stops. No event is stranded and
 * no key is relayed from two shards at once, so every key's order holds.
 */
abstract class ShardCountChangeIntegrationTests {

	private final TestDatabase server;

	private ConfigurableApplicationContext oldInstance;

	private ConfigurableApplicationContext newInstance;

	ShardCountChangeIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.newInstance != null) {
			this.newInstance.close();
		}
		if (this.oldInstance != null) {
			this.oldInstance.close();
		}
	}

	private ConfigurableApplicationContext start(String database, String instanceId, int shards) {
		return Instances.on(this.server, database)
			.properties("events.topics.resharded-" + database + ".partitions=3", "events.outbox.shards=" + shards,
					"events.outbox.relay.instance-id=" + instanceId, "events.outbox.relay.lease-duration=3s",
					"events.outbox.relay.lease-refresh-interval=200ms", "events.outbox.relay.batch-size=50")
			.run();
	}

	@ParameterizedTest(name = "{1} shards to {2}")
	@CsvSource({ "shrink, 8, 4", "grow, 4, 8" })
	void rollingShardCountChangeStrandsNothingAndKeepsEveryKeysOrder(String database, int from, int to) {
		this.oldInstance = start(database, "old", from);
		AtomicInteger sequence = new AtomicInteger();
		AtomicBoolean publishing = new AtomicBoolean(true);
		int keys = 30;
		CompletableFuture<Void> oldPublishes = CompletableFuture.runAsync(() -> {
			EventPublisher publisher = this.oldInstance.getBean(EventPublisher.class);
			while (publishing.get() && sequence.get() < 600) {
				publishRound(publisher, database, keys, sequence);
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> sequence.get() > 60);

		this.newInstance = start(database, "new", to);
		EventPublisher newPublisher = this.newInstance.getBean(EventPublisher.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> shardCount(this.newInstance) == to);
		publishing.set(false);
		oldPublishes.join();
		for (int round = 0; round < 5; round++) {
			publishRound(newPublisher, database, keys, sequence);
		}
		this.oldInstance.close();
		this.oldInstance = null;
		for (int round = 0; round < 5; round++) {
			publishRound(newPublisher, database, keys, sequence);
		}

		int published = sequence.get() * keys;
		OutboxRows rows = new OutboxRows(this.newInstance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.all("resharded-" + database) == 0);
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("resharded-" + database, published);
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(published);
		assertThat(order.violations()).isEmpty();
	}

	private static synchronized void publishRound(EventPublisher publisher, String database, int keys,
			AtomicInteger sequence) {
		int next = sequence.get();
		for (int key = 0; key < keys; key++) {
			publisher.publish(database.equals("shrink") ? new Shrunk("key-" + key, next) : new Grown("key-" + key, next));
		}
		sequence.incrementAndGet();
	}

	private static long shardCount(ConfigurableApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("SELECT COUNT(*) FROM events_outbox_lease")
			.query(Long.class)
			.single();
	}

	@DomainEvent(type = "dev.events.test.Shrunk", topic = "resharded-shrink", key = "key")
	record Shrunk(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.Grown", topic = "resharded-grow", key = "key")
	record Grown(String key, int sequence) {
	}

}
