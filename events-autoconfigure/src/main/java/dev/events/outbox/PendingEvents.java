package dev.events.outbox;

import java.util.List;

/**
 * The pending events one claim read, and what the database told with them about the moment it
 * read them.
 *
 * @param entries the events, in sequence order
 * @param horizon the oldest transaction still in progress when they were read: every event read
 * later with a sequence at or below theirs that they did not include belongs to a transaction at or
 * above it
 * @param generation the outbox's claim generation when they were read
 * @param allShardsLeased whether the relay still leased every shard it read from, in the
 * database's time: a shard whose lease ran out is left out of the claim without the relay knowing
 * @see ClaimBound
 */
public record PendingEvents(List<OutboxEntry> entries, long horizon, long generation, boolean allShardsLeased) {

	/**
	 * Events read where the database tells neither horizon nor generation, and no bound follows
	 * from them.
	 * @param entries the events, in sequence order
	 * @return the events
	 */
	public static PendingEvents of(List<OutboxEntry> entries) {
		return new PendingEvents(entries, 0, 0, false);
	}

}
