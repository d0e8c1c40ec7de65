package dev.events.inbox;

import java.time.Instant;
import java.util.List;

/**
 * The inbox: which events each handler has already handled. Writes join the handler's
 * transaction, so an event's inbox row commits exactly when the handler's own effects do.
 */
public interface InboxStore {

	/**
	 * Record that a handler receives the given events, in the current transaction.
	 * @param handlerId the handler
	 * @param eventIds the event ids, in delivery order; repeated ids count once
	 * @return for each event id, whether it is new to the handler ({@code false} for
	 * duplicates)
	 */
	boolean[] markReceived(String handlerId, List<String> eventIds);

	/**
	 * Delete inbox rows received before the given instant.
	 * @param cutoff rows received before this are deleted
	 * @return the number of deleted rows
	 */
	int deleteReceivedBefore(Instant cutoff);

}
