package dev.events.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.support.Instances;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox grows by one row per handled event, so at a few thousand events per second a
 * week's retention is millions of rows an hour. Cleanup deletes them oldest first in bounded
 * batches, each committed on its own: it makes progress a concurrent reader sees, and never holds
 * the locks of a whole hour's rows at once.
 */
abstract class InboxCleanupIntegrationTests {

	private static final String HANDLER = "cleaned";

	private static final int OLD_ROWS = 2_500;

	private static final int NEW_ROWS = 10;

	private static final int BATCH_SIZE = 1_000;

	private final TestDatabase server;

	private ConfigurableApplicationContext context;

	InboxCleanupIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void oldRowsAreDeletedInBatchesEachCommittedOnItsOwn() throws SQLException {
		String database = "inbox_cleanup";
		this.context = Instances.on(this.server, database)
			.properties("events.handlers.inbox.retention=1h",
					"events.handlers.inbox.cleanup-batch-size=" + BATCH_SIZE)
			.run();
		DataSource dataSource = this.context.getBean(DataSource.class);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("DELETE FROM events_inbox").update();
		Instant oldest = Instant.now().minus(Duration.ofHours(3));
		insertRows(dataSource, "old", oldest, OLD_ROWS);
		insertRows(dataSource, "new", Instant.now(), NEW_ROWS);
		try (Connection locker = dataSource.getConnection()) {
			locker.setAutoCommit(false);
			lockNewestOldRow(locker);
			CompletableFuture<Integer> cleanup = CompletableFuture
				.supplyAsync(() -> this.context.getBean(InboxCleaner.class).cleanUp());
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(countRows(jdbc, "old"))
					.as("old rows left while the newest old row is locked by another transaction")
					.isLessThanOrEqualTo(OLD_ROWS - 2 * BATCH_SIZE));
			assertThat(cleanup).as("cleanup waits for the locked row's batch").isNotDone();
			locker.commit();
			assertThat(cleanup.join()).isEqualTo(OLD_ROWS);
		}
		assertThat(countRows(jdbc, "old")).isZero();
		assertThat(countRows(jdbc, "new")).as("rows inside the retention are kept").isEqualTo(NEW_ROWS);
	}

	private static void insertRows(DataSource dataSource, String prefix, Instant first, int count) {
		new JdbcTemplate(dataSource).batchUpdate(
				"INSERT INTO events_inbox (handler_id, source, event_id, received_at) VALUES (?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement statement, int i) throws SQLException {
						statement.setString(1, HANDLER);
						statement.setString(2, prefix);
						statement.setString(3, prefix + "-" + i);
						statement.setObject(4, OffsetDateTime.ofInstant(first.plusMillis(i), ZoneOffset.UTC));
					}

					@Override
					public int getBatchSize() {
						return count;
					}

				});
	}

	private static void lockNewestOldRow(Connection locker) throws SQLException {
		try (PreparedStatement lock = locker.prepareStatement(
				"SELECT event_id FROM events_inbox WHERE handler_id = ? AND event_id = ? AND source = ? FOR UPDATE")) {
			lock.setString(1, HANDLER);
			lock.setString(2, "old-" + (OLD_ROWS - 1));
			lock.setString(3, "old");
			lock.executeQuery().close();
		}
	}

	private static long countRows(JdbcClient jdbc, String source) {
		return jdbc.sql("SELECT COUNT(*) FROM events_inbox WHERE source = ?").param(source).query(Long.class).single();
	}

}
