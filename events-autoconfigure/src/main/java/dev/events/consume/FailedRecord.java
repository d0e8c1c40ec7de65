package dev.events.consume;

import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A record a handler gave up on, or stored behind one of its key, on its way to the database's
 * dead letters.
 *
 * @param handlerId the handler
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param key the record's key as text, {@code null} for a record without a key
 * @param headers the record's headers
 * @param payload the record's value
 * @param event the CloudEvent attributes, {@code null} parts where the record is no CloudEvent
 * @param reason why it was given up on: {@link SequencedDeadLetters#QUEUED_BEHIND}, an
 * {@link UndeliverableEventException.Reason} or {@link DeadLetterReasons#HANDLER_FAILED}
 * @param cause the most specific cause, {@code null} for a record stored behind another
 * @param attempts how often it was tried
 * @param firstFailedAt when it failed first, or was stored behind another
 * @param lastFailedAt when it failed last
 * @param sequenced whether the handler keeps its dead letters in order per key
 */
public record FailedRecord(String handlerId, String topic, int partition, long offset, @Nullable String key,
		Headers headers, byte @Nullable [] payload, EventAttributes event, String reason, @Nullable String cause,
		int attempts, Instant firstFailedAt, Instant lastFailedAt, boolean sequenced) {

	/**
	 * Return whether this dead letter holds later records of its key behind it: its handler keeps
	 * order, it has a key, and is not of an unknown type (a foreign producer's new type must not
	 * freeze keys).
	 * @return whether it holds its key
	 */
	public boolean holdsKey() {
		return this.sequenced && this.key != null && DeadLetterReasons.holdsKey(this.reason);
	}

	/**
	 * The CloudEvent attributes of a failed record, as far as it has them.
	 *
	 * @param id the event id
	 * @param source the event source
	 * @param type the event type
	 * @param time the event time
	 */
	public record EventAttributes(@Nullable String id, @Nullable String source, @Nullable String type,
			@Nullable Instant time) {

		public static final EventAttributes NONE = new EventAttributes(null, null, null, null);

	}

}
