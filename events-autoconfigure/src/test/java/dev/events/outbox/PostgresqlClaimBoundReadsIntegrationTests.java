package dev.events.outbox;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a claim within its {@link ClaimBound} reads the index pages of the events above
 * the floor, not those of the events sent and deleted before, which stay in the pending index
 * until a vacuum; a claim from the lowest sequence reads all of them.
 */
class PostgresqlClaimBoundReadsIntegrationTests {

	private static final int SENT = 60_000;

	private static final LeasedShards LEASED = new LeasedShards("reader", 1, Set.of(0));

	private LeasedOutbox outbox;

	@BeforeEach
	void connect() throws SQLException {
		this.outbox = LeasedOutbox.of("claim_bound_reads", LEASED);
		this.outbox.jdbc().sql("ALTER TABLE events_outbox SET (autovacuum_enabled = false)").update();
	}

	@AfterEach
	void disconnect() {
		this.outbox.jdbc().sql("ALTER TABLE events_outbox RESET (autovacuum_enabled)").update();
		this.outbox.close();
	}

	@Test
	void claimWithinItsBoundReadsNoneOfTheIndexPagesOfEventsSentBefore() {
		this.outbox.insert(0, "sent", SENT);
		ClaimBound within = sendEverythingPending();
		this.outbox.insert(0, "pending", 10);

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
			assertThat(this.outbox.store().markSent(LEASED, pending.entries())).isEqualTo(pending.entries().size());
			bound = bound.afterSending(pending);
			pending = claim(bound);
		}
		return bound;
	}

	private PendingEvents claim(ClaimBound bound) {
		return this.outbox.store().findPending(LEASED, Long.MIN_VALUE, bound, 500);
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
		this.outbox.jdbc().sql("SELECT pg_stat_force_next_flush()").query(Object.class).optional();
		this.outbox.jdbc().sql("SELECT pg_stat_clear_snapshot()").query(Object.class).optional();
		return this.outbox.jdbc().sql("""
				SELECT COALESCE(SUM(idx_blks_hit + idx_blks_read), 0) FROM pg_statio_user_indexes
				WHERE relname = 'events_outbox'
				    AND indexrelname IN ('events_outbox_pending', 'events_outbox_pending_xact')
				""").query(Long.class).single();
	}

}
