package dev.events.benchmarks;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.benchmarks.app.Measured;
import dev.events.benchmarks.workload.Micros;
import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;

/**
 * A backlog of pending events written straight into the outbox, in one transaction, as an outage
 * leaves one behind: each a measured {@link Measured} event, spread over keys, in order per key.
 * And PostgreSQL's own rate of claiming and deleting such a backlog, the ceiling of a relay.
 */
final class OutboxBacklog {

	private static final int KEYS = 1_000;

	private static final int SHARDS = 16;

	private static final int BATCH = 2_000;

	private static final String FILL = """
			INSERT INTO events_outbox (event_id, shard, topic, partition_key, event_type, source, event_time,
			    correlation_id, data_content_type, data)
			SELECT gen_random_uuid(), MOD(MOD(i, :keys), :shards), :topic, 'key-' || MOD(i, :keys),
			    'dev.events.benchmarks.Measured', 'benchmarks', CURRENT_TIMESTAMP, 'backlog',
			    'application/json',
			    convert_to('{"key":"key-' || MOD(i, :keys) || '","seq":' || (i / :keys) || ',"measured":true,"note":"'
			        || repeat('x', 200) || '"}', 'UTF8')
			FROM generate_series(0, :events - 1) AS i
			""";

	private static final String CLAIM_AND_DELETE = """
			DELETE FROM events_outbox WHERE seq IN (
			    SELECT seq FROM events_outbox WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT :batch)
			RETURNING seq, event_id, topic, partition_key, event_type, source, event_time, data_content_type, data
			""";

	private OutboxBacklog() {
	}

	/**
	 * Write a backlog into an outbox the starter created; its shard column places every key in one
	 * of the 16 default shards, as the starter would.
	 * @param dataSource the service's database
	 * @param events how many events
	 */
	static void fill(DataSource dataSource, int events) {
		JdbcClient.create(dataSource)
			.sql(FILL)
			.param("keys", KEYS)
			.param("shards", SHARDS)
			.param("topic", Measured.TOPIC)
			.param("events", events)
			.update();
	}

	/**
	 * Measure how fast PostgreSQL alone claims and deletes a backlog, in batches the size of the
	 * relay's, each claim and delete one statement that returns the rows.
	 * @param dataSource a new database
	 * @param events how many events
	 * @return events per second
	 */
	static double claimAndDeleteRate(DataSource dataSource, int events) {
		new EventsSchemaMigrator(dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		fill(dataSource, events);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		long start = Micros.now();
		int claimed = 0;
		List<Long> batch;
		do {
			batch = jdbc.sql(CLAIM_AND_DELETE).param("batch", BATCH).query((row, rowNum) -> row.getLong("seq")).list();
			claimed += batch.size();
		}
		while (!batch.isEmpty());
		if (claimed != events) {
			throw new IllegalStateException("Claimed %d of %d events".formatted(claimed, events));
		}
		return events * 1_000_000.0 / (Micros.now() - start);
	}

}
