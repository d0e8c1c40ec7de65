package dev.events.consume;

import java.net.URI;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A received event: its payload and its metadata. Declare it as the parameter of an
 * {@link EventHandler} method to see both.
 *
 * @param payload the event
 * @param id the event id
 * @param type the CloudEvent type
 * @param source the CloudEvent source
 * @param time when the event was published
 * @param key the partition key
 * @param tenantId the tenant
 * @param actorId the actor
 * @param correlationId the correlation id
 * @param causationId the id of the event that caused this one
 * @param <T> the event class
 */
public record EventEnvelope<T>(T payload, String id, String type, URI source, @Nullable OffsetDateTime time,
		@Nullable String key, @Nullable String tenantId, @Nullable String actorId, @Nullable String correlationId,
		@Nullable String causationId) {

}
