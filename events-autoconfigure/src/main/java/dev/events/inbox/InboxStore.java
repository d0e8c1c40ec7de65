package dev.events.inbox;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The inbox: which events each handler has already handled. Writes join the handler's
 * transaction, so an event's inbox row commits exactly when the handler's own effects do.
 */
public interface InboxStore {

	/**
	 * Record that a handler receives the given events, in the current transaction. Whether an
	 * event is new is decided by what the database says of its own row, never by a batch's
	 * update counts, which some drivers do not report.
	 * @param handlerId the handler
	 * @param events the events, in delivery order; repeated events count once
	 * @return for each event, whether it is new to the handler ({@code false} for duplicates)
	 */
	boolean[] markReceived(String handlerId, List<InboxEntry> events);

	/**
	 * Forget the events a handler received in records of a time range, in the current
	 * transaction, so that they are handled again when they are delivered again. Entries without a
	 * record time, written before it was kept, are found by the time they were received.
	 * @param handlerId the handler
	 * @param from the start of the range, inclusive
	 * @param to the end of the range, exclusive; {@code null} for no end
	 * @return the number of entries forgotten
	 */
	int forget(String handlerId, Instant from, @Nullable Instant to);

	/**
	 * Delete the oldest inbox rows received before the given instant, at most the given number,
	 * in a transaction of their own.
	 * @param cutoff rows received before this are deleted
	 * @param limit the most rows to delete
	 * @return the number of deleted rows; fewer than the limit once none are left
	 */
	int deleteReceivedBefore(Instant cutoff, int limit);

}
