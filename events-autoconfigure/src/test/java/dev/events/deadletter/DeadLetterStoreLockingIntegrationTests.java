package dev.events.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.FailedRecord;
import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dead letters of a key lock, and what waits for them: a transaction that stores a dead
 * letter holds back no dead letter of another key, whatever index gap the two keys share, and a
 * handler that waited for a retry of its key's dead letters sees what the retry wrote.
 */
abstract class DeadLetterStoreLockingIntegrationTests {

	private static final String HANDLER = "locking";

	private static final Duration NO_WAIT = Duration.ofSeconds(5);

	private final TestDatabase server;

	private final JdbcDialect dialect;

	private SingleConnectionDataSource dataSource;

	private SingleConnectionDataSource otherDataSource;

	private JdbcDeadLetterStore store;

	private JdbcDeadLetterStore otherStore;

	DeadLetterStoreLockingIntegrationTests(TestDatabase server, JdbcDialect dialect) {
		this.server = server;
		this.dialect = dialect;
	}

	@BeforeEach
	void connect() throws SQLException {
		this.dataSource = new SingleConnectionDataSource(this.server.dataSource("dead_letter_locks").getConnection(),
				true);
		this.otherDataSource = new SingleConnectionDataSource(
				this.server.dataSource("dead_letter_locks").getConnection(), true);
		new EventsSchemaMigrator(this.dataSource, this.dialect).afterPropertiesSet();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("DELETE FROM events_dead_letter").update();
		jdbc.sql("DELETE FROM events_dead_letter_key").update();
		this.store = new JdbcDeadLetterStore(this.dataSource, this.dialect);
		this.otherStore = new JdbcDeadLetterStore(this.otherDataSource, this.dialect);
	}

	@AfterEach
	void disconnect() {
		this.dataSource.destroy();
		this.otherDataSource.destroy();
	}

	@Test
	void aHandlerThatWaitedForARetryOfItsKeySeesWhatTheRetryWrote() throws Exception {
		this.store.add(failed("k-retried", 1));
		DataSourceTransactionManager retries = new DataSourceTransactionManager(this.otherDataSource);
		TransactionStatus retry = retries.getTransaction(TransactionDefinition.withDefaults());
		CompletableFuture<Long> handlerSaw;
		try {
			assertThat(this.otherStore.lockSequence(HANDLER, "k-retried")).isTrue();
			this.otherStore.release(HANDLER, "k-retried");
			this.otherStore.add(failed("k-written-by-the-retry", 2));
			handlerSaw = CompletableFuture.supplyAsync(
					() -> new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).execute((status) -> {
						assertThat(this.store.heldKeys(HANDLER, Set.of("k-retried"))).isEmpty();
						return JdbcClient.create(this.dataSource)
							.sql("SELECT COUNT(*) FROM events_dead_letter WHERE record_key = ?")
							.param("k-written-by-the-retry")
							.query(Long.class)
							.single();
					}));
			Thread.sleep(500);
			assertThat(handlerSaw).as("the handler's transaction waits for the retry holding its key").isNotDone();
		}
		finally {
			retries.commit(retry);
		}
		assertThat(handlerSaw).as("rows the retry wrote, seen by the handler once it waited for the retry")
			.succeedsWithin(NO_WAIT)
			.isEqualTo(1L);
	}

	@Test
	void neighbouringKeysAreDeadLetteredByConcurrentTransactionsWithoutWaitingForEachOther() {
		inOpenTransaction(() -> this.store.add(failed("k-10", 10)), () -> {
			CompletableFuture<Void> neighbour = CompletableFuture
				.runAsync(() -> new TransactionTemplate(new DataSourceTransactionManager(this.otherDataSource))
					.executeWithoutResult((status) -> this.otherStore.add(failed("k-11", 11))));
			assertThat(neighbour).as("dead-lettering a neighbouring key while the first one's transaction is open")
				.succeedsWithin(NO_WAIT);
		});
		assertThat(this.store.heldKeys(HANDLER)).containsExactlyInAnyOrder("k-10", "k-11");
		assertThat(this.store.sequence(HANDLER, "k-10")).hasSize(1);
		assertThat(this.store.sequence(HANDLER, "k-11")).hasSize(1);
	}

	@Test
	void aRecordStoredAgainIsOneDeadLetterInOneTransaction() {
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			this.store.add(failed("k-again", 5));
			this.store.add(failed("k-again", 5));
		});

		assertThat(this.store.sequence(HANDLER, "k-again")).hasSize(1);
		assertThat(this.store.heldKeys(HANDLER)).containsExactly("k-again");
	}

	private void inOpenTransaction(Runnable first, Runnable meanwhile) {
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(this.dataSource);
		TransactionStatus open = transactions.getTransaction(TransactionDefinition.withDefaults());
		try {
			first.run();
			meanwhile.run();
		}
		finally {
			transactions.commit(open);
		}
	}

	private static FailedRecord failed(String key, long offset) {
		Instant now = Instant.now();
		return new FailedRecord(HANDLER, "orders", 0, offset, key, new RecordHeaders(), new byte[0],
				FailedRecord.EventAttributes.NONE, DeadLetterReasons.HANDLER_FAILED, "IllegalStateException: no",
				1, now, now, true);
	}

}
