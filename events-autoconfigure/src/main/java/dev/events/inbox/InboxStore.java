package dev.events.inbox;

import java.time.Instant;
import java.util.List;

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
	boolean[] markReceived(String handlerId, List<EventKey> events);

	/**
	 * Delete inbox rows received before the given instant.
	 * @param cutoff rows received before this are deleted
	 * @return the number of deleted rows
	 */
	int deleteReceivedBefore(Instant cutoff);

}
