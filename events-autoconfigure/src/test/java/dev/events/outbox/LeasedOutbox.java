package dev.events.outbox;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

/**
 * An empty outbox in a PostgreSQL database of its own whose shards one relay instance leases for
 * an hour, for tests of the store's claims without a running relay.
 */
final class LeasedOutbox implements AutoCloseable {

	private final SingleConnectionDataSource dataSource;

	private final JdbcClient jdbc;

	private final LeasedShards leased;

	private final JdbcOutboxStore store;

	private LeasedOutbox(SingleConnectionDataSource dataSource, LeasedShards leased) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.leased = leased;
		this.store = new JdbcOutboxStore(dataSource, JdbcDialect.POSTGRESQL, leased.shardCount(), false,
				Clock.systemUTC());
	}

	/**
	 * Migrate and empty the outbox of a database, and lease the given shards.
	 * @param database the database, created if missing
	 * @param leased the instance, the shard count and the shards it leases
	 * @return the outbox
	 * @throws SQLException if the database cannot be reached
	 */
	static LeasedOutbox of(String database, LeasedShards leased) throws SQLException {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				TestDatabase.POSTGRESQL.dataSource(database).getConnection(), true);
		new EventsSchemaMigrator(dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		LeasedOutbox outbox = new LeasedOutbox(dataSource, leased);
		outbox.jdbc.sql("DELETE FROM events_outbox").update();
		outbox.jdbc.sql("DELETE FROM events_outbox_lease").update();
		outbox.jdbc.sql("DELETE FROM events_outbox_shards").update();
		outbox.jdbc.sql("INSERT INTO events_outbox_shards (id, shard_count) VALUES (1, ?)")
			.param(leased.shardCount())
			.update();
		leased.shards().forEach((shard) -> outbox.lease(shard, Duration.ofHours(1)));
		return outbox;
	}

	JdbcOutboxStore store() {
		return this.store;
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	/**
	 * Lease a shard to the instance until the given time from now, in the past for a lease that
	 * ran out.
	 * @param shard the shard
	 * @param expiresIn how long from now the lease lasts
	 */
	void lease(int shard, Duration expiresIn) {
		this.jdbc.sql("DELETE FROM events_outbox_lease WHERE shard = ?").param(shard).update();
		this.jdbc.sql("INSERT INTO events_outbox_lease (shard, owner, expires_at) VALUES (?, ?, ?)")
			.params(shard, this.leased.owner(), Timestamp.from(Instant.now().plus(expiresIn)))
			.update();
	}

	/**
	 * Commit pending events of one key in one shard, in one statement.
	 * @param shard the shard
	 * @param key the key of every event
	 * @param count how many
	 */
	void insert(int shard, String key, int count) {
		this.jdbc.sql("""
				INSERT INTO events_outbox (event_id, shard, key_hash, topic, partition_key, event_type, source,
				    event_time, data_content_type, data)
				SELECT gen_random_uuid(), ?, ?, 'claimed', ?, 'dev.events.test.Claimed', '/test', now(),
				    'application/json', '\\x7b7d'::bytea
				FROM generate_series(1, ?)
				""").params(shard, shard, key, count).update();
	}

	@Override
	public void close() {
		this.dataSource.destroy();
	}

}
