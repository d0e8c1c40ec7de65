package dev.events.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event the relay stopped sending after too many failed attempts.
 *
 * @param eventId the event id
 * @param type the CloudEvent type
 * @param topic the topic it was meant for
 * @param key the partition key
 * @param attempts how many sends failed
 * @param lastError the last failure
 * @param parkedAt when it was parked
 */
public record ParkedEvent(UUID eventId, String type, String topic, @Nullable String key, int attempts,
		@Nullable String lastError, OffsetDateTime parkedAt) {

}
