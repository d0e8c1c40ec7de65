package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import dev.events.cloudevents.CloudEventRecordMapper;

/**
 * Turns records a handler gives up on into {@link FailedRecord}s: reads what CloudEvent
 * attributes they have, cut to the lengths the dead-letter columns hold (the headers and payload
 * keep them whole), and names the most specific cause of their failure.
 */
final class FailedRecords {

	/**
	 * The most bytes of a key the dead letters keep; the record itself keeps the whole key.
	 */
	static final int MAX_KEY_BYTES = 1024;

	private static final int MAX_ID_LENGTH = 255;

	private static final int MAX_SOURCE_LENGTH = 1024;

	private static final int MAX_TYPE_LENGTH = 255;

	private final CloudEventRecordMapper mapper;

	private final Clock clock;

	FailedRecords(CloudEventRecordMapper mapper, Clock clock) {
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * A record stored behind an earlier dead letter of its key, without being handled.
	 * @param handlerId the handler
	 * @param record the record
	 * @return the dead letter
	 */
	FailedRecord queuedBehind(String handlerId, ConsumerRecord<byte[], byte[]> record) {
		Instant now = this.clock.instant();
		return of(handlerId, record, SequencedDeadLetters.QUEUED_BEHIND, null, 0, now, now, true);
	}

	/**
	 * A record the handler gave up on.
	 * @param handlerId the handler
	 * @param record the record
	 * @param failure what it failed with last
	 * @param attempts how often it was tried
	 * @param firstFailedAt when it failed first
	 * @param sequenced whether the handler keeps its dead letters in order per key
	 * @return the dead letter
	 */
	FailedRecord failed(String handlerId, ConsumerRecord<byte[], byte[]> record, Throwable failure, int attempts,
			Instant firstFailedAt, boolean sequenced) {
		return of(handlerId, record, DeadLetterReasons.reasonOf(failure), DeadLetterReasons.causeOf(failure),
				attempts, firstFailedAt, this.clock.instant(), sequenced);
	}

	private FailedRecord of(String handlerId, ConsumerRecord<byte[], byte[]> record, String reason,
			@Nullable String cause, int attempts, Instant firstFailedAt, Instant lastFailedAt, boolean sequenced) {
		return new FailedRecord(handlerId, record.topic(), record.partition(), record.offset(), keyOf(record),
				record.headers(), record.value(), attributes(record), reason, cause, attempts, firstFailedAt,
				lastFailedAt, sequenced);
	}

	/**
	 * Return a record's key as text, as the dead letters of its key are found by: at most its
	 * first {@value #MAX_KEY_BYTES} bytes, so that any key fits the key columns.
	 * @param record the record
	 * @return its key, {@code null} when it has none
	 */
	static @Nullable String keyOf(ConsumerRecord<byte[], byte[]> record) {
		byte[] key = record.key();
		if (key == null) {
			return null;
		}
		int end = key.length;
		if (end > MAX_KEY_BYTES) {
			end = MAX_KEY_BYTES;
			while (end > 0 && (key[end] & 0xC0) == 0x80) {
				end--;
			}
		}
		String text = new String(key, 0, end, StandardCharsets.UTF_8);
		while (text.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	private FailedRecord.EventAttributes attributes(ConsumerRecord<byte[], byte[]> record) {
		CloudEvent event;
		try {
			event = this.mapper.fromRecord(record.headers(), record.value());
		}
		catch (RuntimeException ex) {
			return FailedRecord.EventAttributes.NONE;
		}
		OffsetDateTime time = event.getTime();
		return new FailedRecord.EventAttributes(limit(event.getId(), MAX_ID_LENGTH),
				limit(event.getSource().toString(), MAX_SOURCE_LENGTH), limit(event.getType(), MAX_TYPE_LENGTH),
				(time != null) ? time.toInstant() : null);
	}

	private static String limit(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

}
