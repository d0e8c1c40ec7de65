package dev.events.inbox;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the inbox tells a handler about each event of a batch: fresh the first time the event is
 * received, and never again, whether it was received in an earlier batch, earlier in the same
 * batch, or before the inbox was keyed by source.
 */
abstract class InboxMarkReceivedIntegrationTests {

	private static final String HANDLER = "marking";

	private final TestDatabase server;

	private final JdbcDialect dialect;

	private SingleConnectionDataSource dataSource;

	private JdbcInboxStore inbox;

	InboxMarkReceivedIntegrationTests(TestDatabase server, JdbcDialect dialect) {
		this.server = server;
		this.dialect = dialect;
	}

	@BeforeEach
	void connect() throws SQLException {
		this.dataSource = new SingleConnectionDataSource(this.server.dataSource("inbox_marking").getConnection(),
				true);
		new EventsSchemaMigrator(this.dataSource, this.dialect).afterPropertiesSet();
		JdbcClient.create(this.dataSource).sql("DELETE FROM events_inbox").update();
		this.inbox = new JdbcInboxStore(this.dataSource, this.dialect, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.dataSource.destroy();
	}

	@Test
	void aBatchOfNewEventsIsFreshThroughout() {
		assertThat(markReceived(entry("urn:a", "1"), entry("urn:a", "2"), entry("urn:b", "1"))).containsExactly(true,
				true, true);
		assertThat(rows()).isEqualTo(3);
	}

	@Test
	void eventsReceivedInAnEarlierBatchAreNotFresh() {
		markReceived(entry("urn:a", "1"), entry("urn:a", "3"));

		assertThat(markReceived(entry("urn:a", "1"), entry("urn:a", "2"), entry("urn:a", "3")))
			.containsExactly(false, true, false);
		assertThat(rows()).isEqualTo(3);
	}

	@Test
	void anEventTwiceInOneBatchIsFreshTheFirstTimeOnly() {
		assertThat(markReceived(entry("urn:a", "1"), entry("urn:a", "1"), entry("urn:a", "2"), entry("urn:a", "1")))
			.containsExactly(true, false, true, false);
		assertThat(rows()).isEqualTo(2);
	}

	@Test
	void anEventReceivedBeforeTheInboxKeptSourcesIsNotFresh() {
		JdbcClient.create(this.dataSource)
			.sql("INSERT INTO events_inbox (handler_id, event_id, received_at) VALUES (?, ?, ?)")
			.params(HANDLER, "1", Timestamp.from(Instant.now()))
			.update();
		this.inbox = new JdbcInboxStore(this.dataSource, this.dialect, Clock.systemUTC());

		assertThat(markReceived(entry("urn:a", "1"), entry("urn:a", "2"))).containsExactly(false, true);
	}

	@Test
	void neighbouringEventsAreMarkedByConcurrentTransactionsWithoutWaitingForEachOther() throws SQLException {
		SingleConnectionDataSource otherConnection = new SingleConnectionDataSource(
				this.server.dataSource("inbox_marking").getConnection(), true);
		try {
			JdbcInboxStore otherInbox = new JdbcInboxStore(otherConnection, this.dialect, Clock.systemUTC());
			DataSourceTransactionManager transactions = new DataSourceTransactionManager(this.dataSource);
			TransactionStatus open = transactions.getTransaction(TransactionDefinition.withDefaults());
			try {
				assertThat(this.inbox.markReceived(HANDLER, List.of(entry("urn:a", "10")))).containsExactly(true);
				CompletableFuture<boolean[]> neighbour = CompletableFuture
					.supplyAsync(() -> new TransactionTemplate(new DataSourceTransactionManager(otherConnection))
						.execute((status) -> otherInbox.markReceived(HANDLER, List.of(entry("urn:a", "11")))));
				assertThat(neighbour).as("marking a neighbouring event while the first one's transaction is open")
					.succeedsWithin(Duration.ofSeconds(5))
					.isEqualTo(new boolean[] { true });
			}
			finally {
				transactions.commit(open);
			}
		}
		finally {
			otherConnection.destroy();
		}
		assertThat(rows()).isEqualTo(2);
	}

	private boolean[] markReceived(InboxEntry... entries) {
		return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
			.execute((status) -> this.inbox.markReceived(HANDLER, List.of(entries)));
	}

	private long rows() {
		return JdbcClient.create(this.dataSource).sql("SELECT COUNT(*) FROM events_inbox").query(Long.class).single();
	}

	private static InboxEntry entry(String source, String id) {
		return new InboxEntry(new EventKey(source, id), Instant.now());
	}

}
