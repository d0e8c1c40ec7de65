package dev.events.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay whose lease on one of its shards has run out in the database, while it still counts
 * the shard as its own, claims nothing of that shard; its claim bound must not move past that
 * shard's events, which it sends once the lease is renewed.
 */
class PostgresqlClaimBoundLeaseIntegrationTests {

	private static final LeasedShards LEASED = new LeasedShards("reader", 2, Set.of(0, 1));

	private LeasedOutbox outbox;

	@BeforeEach
	void connect() throws SQLException {
		this.outbox = LeasedOutbox.of("claim_bound_lease", LEASED);
	}

	@AfterEach
	void disconnect() {
		this.outbox.close();
	}

	@Test
	void eventsOfAShardWhoseLeaseRanOutAreClaimedOnceItIsRenewed() {
		this.outbox.insert(1, "waiting", 1);
		this.outbox.insert(0, "first", 1);
		ClaimBounds bounds = new ClaimBounds(true);
		this.outbox.lease(1, Duration.ofHours(-1));

		List<OutboxEntry> sent = claimAndSend(bounds);
		assertThat(sent).extracting((entry) -> entry.event().key()).containsExactly("first");
		this.outbox.insert(0, "second", 1);
		this.outbox.lease(1, Duration.ofHours(1));

		assertThat(claimAndSend(bounds)).extracting((entry) -> entry.event().key())
			.containsExactly("waiting", "second");
	}

	/**
	 * Claim as the relay does, with the shards it counts as its own, and send what it claimed.
	 */
	private List<OutboxEntry> claimAndSend(ClaimBounds bounds) {
		ClaimBound bound = bounds.forClaim(LEASED);
		PendingEvents pending = this.outbox.store().findPending(LEASED, Long.MIN_VALUE, bound, 500);
		bounds.claimed(bound, pending);
		bounds.roundEnded(this.outbox.store().markSent(LEASED, pending.entries()) == pending.entries().size());
		return pending.entries();
	}

}
