package dev.events.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.events.publish.OutboundEvent;

/**
 * Storage of the transactional outbox.
 * <p>
 * {@link #append} must join the caller's transaction, so the event commits or rolls back with
 * the business data. Everything else is called by the relay and by operators.
 */
public interface OutboxStore {

	/**
	 * Store an event in the current transaction, or in its own one when none is active.
	 * @param event the event
	 * @throws OutboxTransactionException if a transaction is active that does not include the
	 * store's database, so the event would not share its fate
	 */
	void append(OutboundEvent event);

	/**
	 * Return pending events of the given shards, oldest first, if the relay still leases them;
	 * events of a key behind a parked event of that key are not returned.
	 * @param leased the relay instance and the shards to read
	 * @param limit the maximum number of events
	 * @return the events in sequence order, each with its shard
	 */
	default List<OutboxEntry> findPending(LeasedShards leased, int limit) {
		return findPending(leased, Long.MIN_VALUE, limit);
	}

	/**
	 * Return pending events of the given shards whose sequence comes after the given one, oldest
	 * first, if the relay still leases them; events of a key behind a parked event of that key
	 * are not returned.
	 * @param leased the relay instance and the shards to read
	 * @param after the sequence the events come after, {@link Long#MIN_VALUE} for all
	 * @param limit the maximum number of events
	 * @return the events in sequence order, each with its shard
	 */
	List<OutboxEntry> findPending(LeasedShards leased, long after, int limit);

	/**
	 * Return pending events as {@link #findPending(LeasedShards, long, int)} does, reading only
	 * as far back as the bound allows where the store {@linkplain #boundsClaims() bounds claims}.
	 * @param leased the relay instance and the shards to read
	 * @param after the sequence the events come after, {@link Long#MIN_VALUE} for all
	 * @param bound how far back to read, from the claims before
	 * @param limit the maximum number of events
	 * @return the events in sequence order, with what the next bound is made of
	 */
	default PendingEvents findPending(LeasedShards leased, long after, ClaimBound bound, int limit) {
		return PendingEvents.of(findPending(leased, after, limit));
	}

	/**
	 * Return whether claims read only as far back as their {@link ClaimBound} allows, instead of
	 * from the lowest sequence every time.
	 * @return whether the store bounds claims, by default not
	 */
	default boolean boundsClaims() {
		return false;
	}

	/**
	 * Record that the given events reached the broker, for those whose shard the relay still
	 * leases; the others are left for the shard's new owner.
	 * @param leased the relay instance
	 * @param entries the sent events
	 * @return the number of events recorded as sent
	 */
	int markSent(LeasedShards leased, Collection<OutboxEntry> entries);

	/**
	 * Record a send that failed in a way waiting cannot fix, parking the event once that has
	 * happened {@code maxAttempts} times; nothing is recorded if the relay lost the shard.
	 * @param leased the relay instance
	 * @param entry the event
	 * @param error a description of the failure
	 * @param maxAttempts attempts after which the event is parked
	 * @return whether the event is now parked
	 */
	boolean recordFailure(LeasedShards leased, OutboxEntry entry, String error, int maxAttempts);

	/**
	 * Delete the oldest events that were sent before the given instant, at most the given
	 * number, in a transaction of their own.
	 * @param cutoff events sent before this are deleted
	 * @param limit the most events to delete
	 * @return the number of deleted events; fewer than the limit once none are left
	 */
	int deleteSentBefore(Instant cutoff, int limit);

	/**
	 * Return what waits in the outbox: pending events, the oldest one's time, parked events.
	 * @return the backlog
	 */
	OutboxBacklog backlog();

	/**
	 * Return parked events, oldest first.
	 * @param limit the maximum number of events
	 * @return the parked events
	 */
	List<ParkedEvent> findParked(int limit);

	/**
	 * Count the events not yet sent and not parked.
	 * @return the number of pending events
	 */
	long countPending();

	/**
	 * Count the parked events.
	 * @return the number of parked events
	 */
	long countParked();

	/**
	 * Make a parked event pending again, with its attempts reset.
	 * @param eventId the event id
	 * @return whether a parked event with that id existed
	 */
	boolean retryParked(UUID eventId);

	/**
	 * Make every parked event pending again, with its attempts reset.
	 * @return the number of events made pending
	 */
	int retryAllParked();

	/**
	 * Delete a parked event for good, releasing the later events of its key.
	 * @param eventId the event id
	 * @return whether a parked event with that id existed
	 */
	boolean discardParked(UUID eventId);

	/**
	 * Send retained events of a time range again: the sent events whose event time is in the
	 * range, and of the type if one is given, become pending and the relay sends them in their
	 * order among themselves (after the later events of their keys that were sent), with the same
	 * ids, so that consumers' inboxes skip them where they were handled. The backlog's age counts
	 * them from now.
	 * Only events kept after sending ({@code events.outbox.retention}) can be sent again.
	 * @param from the start of the range, inclusive
	 * @param to the end of the range, exclusive
	 * @param type the event type, or {@code null} for every type
	 * @return the number of events that will be sent again
	 */
	int republish(Instant from, Instant to, @Nullable String type);

}
