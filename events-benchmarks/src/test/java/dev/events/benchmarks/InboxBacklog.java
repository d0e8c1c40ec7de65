package dev.events.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.benchmarks.ServiceRun.InboxCleanup;
import dev.events.benchmarks.workload.Micros;
import dev.events.harness.Pause;
import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;

/**
 * An inbox full of rows that fall out of their retention while a run is measured, so that the
 * run measures the service while its cleanup deletes them: as an hour of handling at a few
 * thousand events per second leaves them.
 */
final class InboxBacklog {

	private static final Duration POLL = Duration.ofMillis(200);

	private static final String FILL = """
			INSERT INTO events_inbox (handler_id, source, event_id, received_at)
			SELECT 'an-earlier-handler', 'backlog', i::text, :receivedAt
			FROM generate_series(0, :rows - 1) AS i
			""";

	private static final String ANY_LEFT = """
			SELECT EXISTS (SELECT 1 FROM events_inbox WHERE received_at <= :receivedAt)
			""";

	private final DataSource dataSource;

	private final int rows;

	private final Instant receivedAt;

	private long dueMicros;

	private volatile long cleanedUpMicros;

	private InboxBacklog(DataSource dataSource, int rows, Instant receivedAt) {
		this.dataSource = dataSource;
		this.rows = rows;
		this.receivedAt = receivedAt;
	}

	/**
	 * Create the service's tables in a new database, its own and the starter's, as the service
	 * would, and fill the inbox.
	 * @param dataSource the run's database
	 * @param rows how many rows
	 * @return the backlog
	 */
	static InboxBacklog fill(DataSource dataSource, int rows) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		new EventsSchemaMigrator(dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		Instant receivedAt = Instant.now();
		JdbcClient.create(dataSource)
			.sql(FILL)
			.param("receivedAt", OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC))
			.param("rows", rows)
			.update();
		return new InboxBacklog(dataSource, rows, receivedAt);
	}

	/**
	 * Return the retention that makes the rows old after the given time from now.
	 * @param dueIn how long from now they should fall out of it
	 * @return the retention
	 */
	Duration retentionDueIn(Duration dueIn) {
		Instant due = Instant.now().plus(dueIn);
		this.dueMicros = ChronoUnit.MICROS.between(Instant.EPOCH, due);
		return Duration.between(this.receivedAt, due);
	}

	/**
	 * Watch, on a thread of its own, for the moment the last row is deleted.
	 */
	void watch() {
		Thread watcher = new Thread(() -> {
			JdbcClient jdbc = JdbcClient.create(this.dataSource);
			OffsetDateTime receivedAt = OffsetDateTime.ofInstant(this.receivedAt, ZoneOffset.UTC);
			while (jdbc.sql(ANY_LEFT).param("receivedAt", receivedAt).query(Boolean.class).single()) {
				Pause.of(POLL);
			}
			this.cleanedUpMicros = Micros.now();
		}, "bench-inbox-watch");
		watcher.setDaemon(true);
		watcher.start();
	}

	/**
	 * Return what the cleanup did so far.
	 * @return the rows, when they were due and when the last was seen deleted
	 */
	InboxCleanup cleanup() {
		return new InboxCleanup(this.rows, this.dueMicros, this.cleanedUpMicros);
	}

}
