package dev.events.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import dev.events.deadletter.DeadLetter;

/**
 * A dead letter as the endpoint shows it: its headers and payload as text, or masked unless
 * values may be shown.
 *
 * @param id the dead letter's id
 * @param handler the handler
 * @param key the record's key
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param eventId the event id
 * @param source the event source
 * @param type the event type
 * @param time the event time
 * @param reason why it is a dead letter
 * @param cause what it failed with last
 * @param attempts how often it was tried
 * @param retries how many retries of it failed again
 * @param firstFailedAt when it failed first
 * @param lastFailedAt when it failed last
 * @param headers the record's headers, values masked unless shown
 * @param payload the record's value as text, masked unless shown
 */
public record DeadLetterView(long id, String handler, @Nullable String key, String topic, int partition, long offset,
		@Nullable String eventId, @Nullable String source, @Nullable String type, @Nullable Instant time,
		String reason, @Nullable String cause, int attempts, int retries, Instant firstFailedAt,
		Instant lastFailedAt, Map<String, @Nullable String> headers, @Nullable String payload) {

	static final String MASK = "******";

	static DeadLetterView of(DeadLetter deadLetter, boolean showValues) {
		Map<String, @Nullable String> headers = new LinkedHashMap<>();
		for (Header header : deadLetter.headers()) {
			headers.put(header.key(), showValues ? text(header.value()) : MASK);
		}
		String payload = showValues ? text(deadLetter.payload()) : MASK;
		return new DeadLetterView(deadLetter.id(), deadLetter.handlerId(), deadLetter.key(), deadLetter.topic(),
				deadLetter.partition(), deadLetter.offset(), deadLetter.eventId(), deadLetter.source(),
				deadLetter.type(), deadLetter.time(), deadLetter.reason(), deadLetter.cause(), deadLetter.attempts(),
				deadLetter.retries(), deadLetter.firstFailedAt(), deadLetter.lastFailedAt(), headers, payload);
	}

	private static @Nullable String text(byte @Nullable [] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

}
