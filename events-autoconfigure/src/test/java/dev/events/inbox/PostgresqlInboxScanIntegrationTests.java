package dev.events.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox holds a row per handled event for the whole retention, millions of rows at a few
 * thousand events per second; a handler marks each poll's events received in it. PostgreSQL
 * plans a statement the driver prepared once for the table as it was then, often empty, and keeps
 * that plan: marking events received must find them through the key whatever the plan, never by
 * reading the whole table.
 */
class PostgresqlInboxScanIntegrationTests {

	private static final String HANDLER = "scanless";

	private SingleConnectionDataSource dataSource;

	private JdbcInboxStore inbox;

	@BeforeEach
	void connect() throws SQLException {
		Connection connection = TestDatabase.POSTGRESQL.dataSource("inbox_scan").getConnection();
		this.dataSource = new SingleConnectionDataSource(connection, true);
		new EventsSchemaMigrator(this.dataSource, JdbcDialect.POSTGRESQL).afterPropertiesSet();
		JdbcClient.create(this.dataSource).sql("DELETE FROM events_inbox").update();
		this.inbox = new JdbcInboxStore(this.dataSource, JdbcDialect.POSTGRESQL, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.dataSource.destroy();
	}

	@Test
	void eventsAreMarkedReceivedWithoutReadingTheWholeInboxHoweverItGrewSinceTheStatementWasPlanned() {
		insertRowsOfAnotherHandler(100);
		JdbcClient.create(this.dataSource).sql("ANALYZE events_inbox").update();
		for (int i = 0; i < 10; i++) {
			this.inbox.markReceived(HANDLER, List.of(new InboxEntry(new EventKey("urn:early", "early-" + i), null)));
		}
		insertRowsOfAnotherHandler(20_000);

		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			long scansBefore = sequentialScansOfTheInbox();
			boolean[] fresh = this.inbox.markReceived(HANDLER,
					List.of(new InboxEntry(new EventKey("urn:late", "late-1"), null),
							new InboxEntry(new EventKey("urn:early", "early-3"), null)));
			assertThat(fresh).containsExactly(true, false);
			assertThat(sequentialScansOfTheInbox()).as("sequential scans of the inbox").isEqualTo(scansBefore);
		});
	}

	private void insertRowsOfAnotherHandler(int rows) {
		JdbcClient.create(this.dataSource)
			.sql("""
					INSERT INTO events_inbox (handler_id, source, event_id, received_at)
					SELECT 'another-handler', 'urn:other', gen_random_uuid()::text, CURRENT_TIMESTAMP
					FROM generate_series(1, ?)""")
			.param(rows)
			.update();
	}

	private long sequentialScansOfTheInbox() {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'events_inbox'")
			.query(Long.class)
			.single();
	}

}
