package dev.events.consume;

import java.util.Set;

/**
 * The dead letters handlers keep in their database, in order per key. While a key of a handler
 * has a dead letter, the handler stores later records of the key behind it instead of handling
 * them.
 */
public interface SequencedDeadLetters {

	/**
	 * The reason of a record stored behind an earlier dead letter of its key without being
	 * handled.
	 */
	String QUEUED_BEHIND = "QUEUED_BEHIND";

	/**
	 * Return which of some keys hold records of a handler, and lock them until the caller's
	 * transaction ends, so that no retry of their dead letters runs meanwhile.
	 * @param handlerId the handler
	 * @param keys the keys of the records about to be handled
	 * @return those that have dead letters
	 */
	Set<String> heldKeys(String handlerId, Set<String> keys);

	/**
	 * Return whether a handler may have keys that hold records, so that a handler without any
	 * need not look up the keys of each batch. A store that cannot tell without asking its
	 * database says {@code true}.
	 * @param handlerId the handler
	 * @return {@code false} only if no key of the handler holds records
	 */
	default boolean mayHoldKeys(String handlerId) {
		return true;
	}

	/**
	 * Store a record as a dead letter, in the caller's transaction if there is one. A dead letter
	 * that {@linkplain FailedRecord#holdsKey() holds its key} starts a sequence unless the key
	 * has one.
	 * @param record the record and why it failed
	 */
	void add(FailedRecord record);

}
