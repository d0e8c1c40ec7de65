package dev.events.outbox;

/**
 * How far back a relay's claim reads pending events: those above {@code floor}, and at or below
 * it only those of transactions at or above {@code horizon}, while the outbox's claim generation
 * is still {@code generation}; once it changed, the claim reads from the lowest sequence.
 * <p>
 * The bound rests on what the last claims found: every pending event of the relay's shards at or
 * below the floor that they did not return belonged to a transaction still in progress then, at
 * or above the horizon. It holds while the relay's shards stay the same and nothing makes
 * older events pending again, which changes the generation.
 *
 * @param floor the highest sequence up to which the claims have read
 * @param horizon the oldest transaction in progress when they read it
 * @param generation the claim generation they read under
 */
public record ClaimBound(long floor, long horizon, long generation) {

	/** No bound: a claim reads from the lowest sequence. */
	public static final ClaimBound NONE = new ClaimBound(Long.MIN_VALUE, Long.MAX_VALUE, 0);

	/**
	 * Return the bound of the claims after the given events, read under this bound, are all sent.
	 * @param claimed the events a claim under this bound returned, at least one
	 * @return the bound for the next claims
	 */
	ClaimBound afterSending(PendingEvents claimed) {
		long from = (claimed.generation() == this.generation) ? this.floor : Long.MIN_VALUE;
		long last = claimed.entries().get(claimed.entries().size() - 1).sequence();
		long horizon = (last >= from) ? claimed.horizon() : this.horizon;
		return new ClaimBound(Math.max(from, last), horizon, claimed.generation());
	}

}
