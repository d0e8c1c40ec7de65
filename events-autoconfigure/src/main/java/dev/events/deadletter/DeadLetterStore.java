package dev.events.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.events.consume.SequencedDeadLetters;

/**
 * Where handlers' dead letters are kept, in order per key, with what retrying, discarding and
 * reading them needs. Locks last until the caller's transaction ends.
 */
public interface DeadLetterStore extends SequencedDeadLetters {

	/**
	 * Lock the sequence of a key of a handler, so that neither its handler nor another retry
	 * handles records of the key meanwhile.
	 * @param handlerId the handler
	 * @param key the key
	 * @return whether the key has a sequence
	 */
	boolean lockSequence(String handlerId, String key);

	/**
	 * Return the first live dead letter of a key's sequence.
	 * @param handlerId the handler
	 * @param key the key
	 * @return the head, empty when the sequence has none left
	 */
	Optional<DeadLetter> head(String handlerId, String key);

	/**
	 * Stop a key holding records of a handler: its sequence is empty, or was discarded.
	 * @param handlerId the handler
	 * @param key the key
	 */
	void release(String handlerId, String key);

	/**
	 * Return a dead letter, locking it.
	 * @param id the dead letter's id
	 * @return the dead letter, empty when there is none with that id
	 */
	Optional<DeadLetter> lock(long id);

	/**
	 * Return a dead letter.
	 * @param id the dead letter's id
	 * @return the dead letter, empty when there is none with that id
	 */
	Optional<DeadLetter> find(long id);

	/**
	 * Delete a dead letter that was handled.
	 * @param id the dead letter's id
	 */
	void delete(long id);

	/**
	 * Record that a retry of a dead letter failed again.
	 * @param id the dead letter's id
	 * @param reason why
	 * @param cause what it failed with
	 * @param at when
	 */
	void failedAgain(long id, String reason, String cause, Instant at);

	/**
	 * Discard live dead letters: they stay for the retention time, but hold nothing and are never
	 * retried.
	 * @param ids the dead letters' ids
	 * @param at when
	 */
	void discard(List<Long> ids, Instant at);

	/**
	 * Return the live dead letters of a key of a handler, in order.
	 * @param handlerId the handler
	 * @param key the key
	 * @return the sequence's dead letters, including one of an unknown type stored behind another
	 */
	List<DeadLetter> sequence(String handlerId, String key);

	/**
	 * Return the keys that hold records of a handler.
	 * @param handlerId the handler
	 * @return the keys with a sequence
	 */
	List<String> heldKeys(String handlerId);

	/**
	 * Return the ids of a handler's live dead letters that are in no sequence: without a key, or
	 * of a key that holds nothing (of an unknown type, or of a handler that does not keep order).
	 * @param handlerId the handler
	 * @return their ids, oldest first
	 */
	List<Long> unsequenced(String handlerId);

	/**
	 * Return live dead letters, oldest first.
	 * @param query which ones
	 * @return one page of them
	 */
	List<DeadLetter> list(DeadLetterQuery query);

	/**
	 * Count the live dead letters by handler and reason.
	 * @return the counts, by handler id, then by reason
	 */
	Map<String, Map<String, Long>> countByHandlerAndReason();

	/**
	 * Delete discarded dead letters, a bounded number at a time.
	 * @param cutoff delete those discarded before this instant
	 * @param limit the most to delete
	 * @return how many were deleted
	 */
	int deleteDiscardedBefore(Instant cutoff, int limit);

}
