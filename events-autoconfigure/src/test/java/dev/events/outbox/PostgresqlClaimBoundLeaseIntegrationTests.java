package dev.events.outbox;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay whose lease on one of its shards has run out in the database, while it still counts
 * the shard as its own, claims nothing of that shard; its claim bound must not move past that
 * shard's events, which it sends once the lease is renewed.
 */
class PostgresqlClaimBoundLeaseIntegrationTests {

	private static final LeasedShards LEASED = new LeasedShards("reader", 2, Set.of(0, 1));

	private SingleConnectionDataSource dataSource;

	private JdbcClient jdbc;

	private JdbcOutboxStore store;

	@BeforeEach
	void connect() throws SQLException {
		this.dataSource = new SingleConnectionDataSource(
				TestDatabase.POSTGRESQL.dataSource("claim_bound_lease").getConnection(), true);
		new EventsSchemaMigrator(this.dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc.sql("DELETE FROM events_outbox").update();
		this.jdbc.sql("DELETE FROM events_outbox_lease").update();
		this.jdbc.sql("DELETE FROM events_outbox_shards").update();
		this.jdbc.sql("INSERT INTO events_outbox_shards (id, shard_count) VALUES (1, 2)").update();
		lease(0, Duration.ofHours(1));
		lease(1, Duration.ofHours(1));
		this.store = new JdbcOutboxStore(this.dataSource, JdbcDialect.POSTGRESQL, 2, false, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.dataSource.destroy();
	}

	@Test
	void eventsOfAShardWhoseLeaseRanOutAreClaimedOnceItIsRenewed() {
		insertEvent(1, "waiting");
		insertEvent(0, "first");
		ClaimBounds bounds = new ClaimBounds(true);
		lease(1, Duration.ofHours(-1));

		List<OutboxEntry> sent = claimAndSend(bounds);
		assertThat(sent).extracting((entry) -> entry.event().key()).containsExactly("first");
		insertEvent(0, "second");
		lease(1, Duration.ofHours(1));

		assertThat(claimAndSend(bounds)).extracting((entry) -> entry.event().key())
			.containsExactly("waiting", "second");
	}

	/**
	 * Claim as the relay does, with the shards it counts as its own, and send what it claimed.
	 */
	private List<OutboxEntry> claimAndSend(ClaimBounds bounds) {
		ClaimBound bound = bounds.forClaim(LEASED);
		PendingEvents pending = this.store.findPending(LEASED, Long.MIN_VALUE, bound, 500);
		bounds.claimed(bound, pending);
		bounds.roundEnded(this.store.markSent(LEASED, pending.entries()) == pending.entries().size());
		return pending.entries();
	}

	private void lease(int shard, Duration expiresIn) {
		this.jdbc.sql("DELETE FROM events_outbox_lease WHERE shard = ?").param(shard).update();
		this.jdbc.sql("INSERT INTO events_outbox_lease (shard, owner, expires_at) VALUES (?, ?, ?)")
			.params(shard, LEASED.owner(), Timestamp.from(Instant.now().plus(expiresIn)))
			.update();
	}

	private void insertEvent(int shard, String key) {
		this.jdbc.sql("""
				INSERT INTO events_outbox (event_id, shard, key_hash, topic, partition_key, event_type, source,
				    event_time, data_content_type, data)
				VALUES (gen_random_uuid(), ?, ?, 'leased', ?, 'dev.events.test.Leased', '/test', now(),
				    'application/json', '\\x7b7d'::bytea)
				""").params(shard, shard, key).update();
	}

}
