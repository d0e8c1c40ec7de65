package dev.events.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.EventsDatabase;
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
 * A relay instance that dies (kill -9: no shutdown, leases never released) holds its shards only
 * until its leases expire; then a surviving instance takes them and sends what was committed,
 * each event once and in order per key.
 */
abstract class CrashedRelayTakeoverIntegrationTests {

	private final TestDatabase server;

	private ConfigurableApplicationContext publisherOnly;

	private ConfigurableApplicationContext survivor;

	CrashedRelayTakeoverIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.survivor != null) {
			this.survivor.close();
		}
		if (this.publisherOnly != null) {
			this.publisherOnly.close();
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		return Instances.on(this.server, "crash")
			.properties("events.topics.orphans.partitions=2")
			.properties(properties)
			.run();
	}

	@Test
	void shardsOfADeadInstanceAreTakenOverOnceItsLeasesExpire() {
		this.publisherOnly = start("events.outbox.relay.enabled=false");
		DataSource dataSource = this.publisherOnly.getBean(DataSource.class);
		JdbcShardLeases dead = new JdbcShardLeases(dataSource,
				this.publisherOnly.getBean(EventsDatabase.class).dialect(), "dead-instance", 16,
				Duration.ofSeconds(12));
		dead.afterPropertiesSet();
		assertThat(dead.refresh(Set.of()).shards()).hasSize(16);
		EventPublisher publisher = this.publisherOnly.getBean(EventPublisher.class);
		for (int sequence = 0; sequence < 5; sequence++) {
			for (int key = 0; key < 20; key++) {
				publisher.publish(new Orphan("key-" + key, sequence));
			}
		}

		this.survivor = start("events.outbox.relay.instance-id=survivor",
				"events.outbox.relay.lease-refresh-interval=100ms", "events.outbox.relay.lease-duration=2s");
		OutboxRows rows = new OutboxRows(dataSource);
		assertThat(shardsByOwner(dataSource)).as("the dead instance's leases are still valid")
			.containsEntry("dead-instance", 16L);
		assertThat(rows.pending("orphans")).isEqualTo(100);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(shardsByOwner(dataSource)).containsOnly(Map.entry("survivor", 16L)));
		await().atMost(Duration.ofSeconds(10)).until(() -> rows.all("orphans") == 0);
		KeyOrder order = KeyOrder.of(TopicReader.readRaw("orphans", 100), Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(100);
		assertThat(order.violations()).isEmpty();
		assertThat(order.duplicates()).isZero();
	}

	private static Map<String, Long> shardsByOwner(DataSource dataSource) {
		Map<String, Long> owners = new HashMap<>();
		JdbcClient.create(dataSource)
			.sql("SELECT owner, COUNT(*) AS shards FROM events_outbox_lease WHERE owner IS NOT NULL GROUP BY owner")
			.query((row) -> {
				owners.put(row.getString("owner"), row.getLong("shards"));
			});
		return owners;
	}

	@DomainEvent(type = "dev.events.test.Orphan", topic = "orphans", key = "key")
	record Orphan(String key, int sequence) {
	}

}
