package dev.events.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.support.Instances;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay that handles a range again makes the inbox forget the events of records of that time
 * range, for one handler: entries of other times and other handlers stay, and entries written
 * before record times were kept are found by the time they were received.
 */
abstract class InboxForgetIntegrationTests {

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));

	private final TestDatabase server;

	private ConfigurableApplicationContext context;

	InboxForgetIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void forgetsTheEntriesOfRecordsInTheRangeOfOneHandler() {
		this.context = Instances.on(this.server, "inbox_forget").run();
		DataSource dataSource = this.context.getBean(DataSource.class);
		InboxStore inbox = this.context.getBean(InboxStore.class);
		TransactionOperations transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("DELETE FROM events_inbox").update();
		List<InboxEntry> entries = List.of(entry("before", T0), entry("first", T0.plusSeconds(10)),
				entry("last", T0.plusSeconds(20)), entry("after", T0.plusSeconds(30)));
		transactions.executeWithoutResult((status) -> inbox.markReceived("ranged", entries));
		transactions.executeWithoutResult((status) -> inbox.markReceived("other", entries));
		jdbc.sql("INSERT INTO events_inbox (handler_id, source, event_id, received_at) VALUES (?, ?, ?, ?)")
			.params("ranged", "test", "unstamped", OffsetDateTime.ofInstant(T0.plusSeconds(15), ZoneOffset.UTC))
			.update();

		Integer forgotten = transactions
			.execute((status) -> inbox.forget("ranged", T0.plusSeconds(10), T0.plusSeconds(30)));

		assertThat(forgotten).isEqualTo(3);
		List<InboxEntry> again = List.of(entry("before", T0), entry("first", T0.plusSeconds(10)),
				entry("last", T0.plusSeconds(20)), entry("after", T0.plusSeconds(30)),
				entry("unstamped", T0.plusSeconds(15)));
		boolean[] ranged = transactions.execute((status) -> inbox.markReceived("ranged", again));
		boolean[] other = transactions.execute((status) -> inbox.markReceived("other", again));
		Integer since = transactions.execute((status) -> inbox.forget("ranged", T0.plusSeconds(20), null));

		assertThat(ranged).containsExactly(false, true, true, false, true);
		assertThat(other).containsExactly(false, false, false, false, true);
		assertThat(since).isEqualTo(2);
	}

	private static InboxEntry entry(String id, Instant recordTime) {
		return new InboxEntry(new EventKey("test", id), recordTime);
	}

}
