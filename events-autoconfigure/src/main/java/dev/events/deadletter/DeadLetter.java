package dev.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;

/**
 * A dead letter of a handler, as stored: the record, its event's attributes and why it failed.
 *
 * @param id the dead letter's id; within a key of a handler, ids are in record order
 * @param handlerId the handler
 * @param key the record's key, {@code null} for a record without a key
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param eventId the event id, {@code null} for a record that is no CloudEvent
 * @param source the event source, or {@code null}
 * @param type the event type, or {@code null}
 * @param time the event time, or {@code null}
 * @param headers the record's headers
 * @param payload the record's value
 * @param reason why it is a dead letter
 * @param cause what it failed with last, {@code null} for a record stored behind another
 * @param attempts how often it was tried
 * @param retries how many of those were retries of the dead letter that failed again
 * @param firstFailedAt when it failed first, or was stored behind another
 * @param lastFailedAt when it failed last
 * @param discardedAt when it was discarded, {@code null} while it is live
 */
public record DeadLetter(long id, String handlerId, @Nullable String key, String topic, int partition, long offset,
		@Nullable String eventId, @Nullable String source, @Nullable String type, @Nullable Instant time,
		Headers headers, byte @Nullable [] payload, String reason, @Nullable String cause, int attempts,
		int retries, Instant firstFailedAt, Instant lastFailedAt, @Nullable Instant discardedAt) {

	/**
	 * Return the record as it was received, to be handled again.
	 * @return the record
	 */
	public ConsumerRecord<byte[], byte[]> toRecord() {
		byte[] keyBytes = (this.key != null) ? this.key.getBytes(StandardCharsets.UTF_8) : null;
		return new ConsumerRecord<>(this.topic, this.partition, this.offset, ConsumerRecord.NO_TIMESTAMP,
				TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, keyBytes,
				this.payload, this.headers, Optional.empty());
	}

}
