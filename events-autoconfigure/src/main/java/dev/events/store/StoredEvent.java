package dev.events.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event as the store keeps it: its place in its stream and among all streams, the id it was
 * published with, and its context.
 *
 * @param stream the stream
 * @param version its version in the stream, from 1
 * @param position its position among the events of all streams, in the order their appends were
 * found committed; 0 until {@link EventStore#readAll(long)} first found it
 * @param id the event id, the same as the published CloudEvent's
 * @param type the CloudEvent type
 * @param time when it was appended
 * @param tenantId the tenant
 * @param actorId the actor
 * @param correlationId the correlation id
 * @param causationId the id of the event that caused it
 * @param event the event, bound to the class registered for its type
 */
public record StoredEvent(String stream, long version, long position, UUID id, String type, OffsetDateTime time,
		@Nullable String tenantId, @Nullable String actorId, @Nullable String correlationId,
		@Nullable String causationId, Object event) {

}
