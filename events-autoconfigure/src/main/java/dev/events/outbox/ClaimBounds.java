package dev.events.outbox;

import org.jspecify.annotations.Nullable;

/**
 * The bound of one relay's claims, where the store bounds them: moved up once the events a
 * claim returned are all sent, kept when a send fails (the events still pending are within it) or
 * when the claim skipped a shard whose lease had run out in the database, and dropped when the
 * shards the relay claims from change, since those it gains may hold older events. After the
 * check that a batch read ahead still goes first, the bound moves up to that batch's first event
 * only.
 */
final class ClaimBounds {

	private final boolean enabled;

	private ClaimBound bound = ClaimBound.NONE;

	private @Nullable LeasedShards basis;

	private @Nullable ClaimBound onceSent;

	/**
	 * Create the bounds of a relay.
	 * @param enabled whether its store bounds claims
	 */
	ClaimBounds(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the bound of a claim from the given shards.
	 * @param available the shards leased and not backing off
	 * @return the bound, {@link ClaimBound#NONE} when the shards changed since the last claim
	 */
	ClaimBound forClaim(LeasedShards available) {
		if (!this.enabled) {
			return ClaimBound.NONE;
		}
		if (!available.equals(this.basis)) {
			this.basis = available;
			this.bound = ClaimBound.NONE;
		}
		return this.bound;
	}

	/**
	 * Note what a claim under {@link #forClaim} returned: the bound moves up once they are sent,
	 * by the round that follows, if the claim read every shard; what an earlier claim returned no
	 * longer counts.
	 * @param used the bound the claim read under
	 * @param claimed what it returned
	 */
	void claimed(ClaimBound used, PendingEvents claimed) {
		if (this.enabled) {
			this.onceSent = (claimed.entries().isEmpty() || !claimed.allShardsLeased()) ? null
					: used.afterSending(claimed);
		}
	}

	/**
	 * Note how the round that sent the last claimed events ended.
	 * @param allSent whether every event was sent and recorded as sent
	 */
	void roundEnded(boolean allSent) {
		if (allSent && this.onceSent != null) {
			this.bound = this.onceSent;
		}
		this.onceSent = null;
	}

}
