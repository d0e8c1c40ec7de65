package dev.events.outbox;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

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
 * On PostgreSQL a claim within its {@link ClaimBound} reads the index pages of the events above
 * the floor, not those of the events sent and deleted before, which stay in the pending index
 * until a vacuum; a claim from the lowest sequence reads all of them.
 */
class PostgresqlClaimBoundReadsIntegrationTests {

	private static final int SENT = 60_000;

	private static final LeasedShards LEASED = new LeasedShards("reader", 1, Set.of(0));

	private SingleConnectionDataSource dataSource;

	private JdbcClient jdbc;

	private JdbcOutboxStore store;

	@BeforeEach
	void connect() throws SQLException {
		this.dataSource = new SingleConnectionDataSource(
				TestDatabase.POSTGRESQL.dataSource("claim_bound_reads").getConnection(), true);
		new EventsSchemaMigrator(this.dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc.sql("DELETE FROM events_outbox").update();
		this.jdbc.sql("ALTER TABLE events_outbox SET (autovacuum_enabled = false)").update();
		this.jdbc.sql("DELETE FROM events_outbox_lease").update();
		this.jdbc.sql("DELETE FROM events_outbox_shards").update();
		this.jdbc.sql("INSERT INTO events_outbox_shards (id, shard_count) VALUES (1, 1)").update();
		this.jdbc.sql("INSERT INTO events_outbox_lease (shard, owner, expires_at) VALUES (0, ?, ?)")
			.params(LEASED.owner(), Timestamp.from(Instant.now().plus(Duration.ofHours(1))))
			.update();
		this.store = new JdbcOutboxStore(this.dataSource, JdbcDialect.POSTGRESQL, 1, false, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.jdbc.sql("ALTER TABLE events_outbox RESET (autovacuum_enabled)").update();
		this.dataSource.destroy();
	}

	@Test
	void claimWithinItsBoundReadsNoneOfTheIndexPagesOfEventsSentBefore() {
		insertEvents(SENT);
		ClaimBound within = sendEverythingPending();
		insertEvents(10);

		long boundedReads = indexPagesRead(() -> claim(within));
		long unboundedReads = indexPagesRead(() -> claim(ClaimBound.NONE));

		assertThat(boundedReads).as("index pages read within the bound").isLessThan(20);
		assertThat(unboundedReads).as("index pages read from the lowest sequence").isGreaterThan(120);
	}

	/**
	 * Claim and send what is pending, as a relay does, and return the bound its claims reached.
	 */
	private ClaimBound sendEverythingPending() {
		ClaimBound bound = ClaimBound.NONE;
		PendingEvents pending = claim(bound);
		while (!pending.entries().isEmpty()) {
			assertThat(this.store.markSent(LEASED, pending.entries())).isEqualTo(pending.entries().size());
			bound = bound.afterSending(pending);
			pending = claim(bound);
		}
		return bound;
	}

	private PendingEvents claim(ClaimBound bound) {
		return this.store.findPending(LEASED, Long.MIN_VALUE, bound, 500);
	}

	private void insertEvents(int count) {
		this.jdbc.sql("""
				INSERT INTO events_outbox (event_id, shard, key_hash, topic, partition_key, event_type, source,
				    event_time, data_content_type, data)
				SELECT gen_random_uuid(), 0, 0, 'bounded', 'k-' || (n % 100), 'dev.events.test.Bounded', '/test',
				    now(), 'application/json', '\\x7b7d'::bytea
				FROM generate_series(1, ?) n
				""").param(count).update();
	}

	/**
	 * Return how many pages of the outbox's indexes a claim reads, from PostgreSQL's statistics,
	 * flushed before and after it; the claim finds the events inserted last.
	 */
	private long indexPagesRead(Supplier<PendingEvents> claim) {
		long before = indexPagesReadSoFar();
		assertThat(claim.get().entries()).hasSize(10);
		return indexPagesReadSoFar() - before;
	}

	private long indexPagesReadSoFar() {
		this.jdbc.sql("SELECT pg_stat_force_next_flush()").query(Object.class).optional();
		this.jdbc.sql("SELECT pg_stat_clear_snapshot()").query(Object.class).optional();
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(idx_blks_hit + idx_blks_read), 0) FROM pg_statio_user_indexes
				WHERE relname = 'events_outbox'
				    AND indexrelname IN ('events_outbox_pending', 'events_outbox_pending_xact')
				""").query(Long.class).single();
	}

}
