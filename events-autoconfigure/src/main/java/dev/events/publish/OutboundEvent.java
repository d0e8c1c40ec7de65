package dev.events.publish;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event ready to leave the application: its CloudEvent attributes, its context and its
 * serialized data. This is what the outbox stores and what the relay sends.
 *
 * @param id the event id, a time-ordered UUID
 * @param type the CloudEvent type
 * @param source the CloudEvent source
 * @param time when the event was published
 * @param topic the Kafka topic
 * @param key the partition key, also the CloudEvent subject
 * @param tenantId the tenant
 * @param actorId the actor
 * @param correlationId the correlation id
 * @param causationId the id of the event that caused this one
 * @param traceparent the W3C trace context at publish time
 * @param dataContentType the media type of {@code data}
 * @param data the serialized event
 */
public record OutboundEvent(UUID id, String type, URI source, OffsetDateTime time, String topic, @Nullable String key,
		@Nullable String tenantId, @Nullable String actorId, @Nullable String correlationId,
		@Nullable String causationId, @Nullable String traceparent, String dataContentType, byte[] data) {

	/**
	 * Return this event with another partition key, as the event store keys an event by its
	 * stream whatever its type's key says.
	 * @param key the partition key, also the CloudEvent subject
	 * @return the event with that key
	 */
	public OutboundEvent withKey(String key) {
		return new OutboundEvent(this.id, this.type, this.source, this.time, this.topic, key, this.tenantId,
				this.actorId, this.correlationId, this.causationId, this.traceparent, this.dataContentType, this.data);
	}

}
