package dev.events.test;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.events.publish.OutboundEvent;

/**
 * An event a test published, with its envelope as it left the application.
 *
 * @param <T> the event's type
 * @param event the event object as published
 * @param id the event id
 * @param type the CloudEvent type
 * @param source the CloudEvent source
 * @param time when it was published
 * @param topic the topic it goes to
 * @param key the partition key, also the CloudEvent subject
 * @param tenantId the tenant
 * @param actorId the actor
 * @param correlationId the correlation id
 * @param causationId the id of the event that caused it
 */
public record PublishedEvent<T>(T event, UUID id, String type, URI source, OffsetDateTime time, String topic,
		@Nullable String key, @Nullable String tenantId, @Nullable String actorId, @Nullable String correlationId,
		@Nullable String causationId) {

	static <T> PublishedEvent<T> of(T event, OutboundEvent outbound) {
		return new PublishedEvent<>(event, outbound.id(), outbound.type(), outbound.source(), outbound.time(),
				outbound.topic(), outbound.key(), outbound.tenantId(), outbound.actorId(), outbound.correlationId(),
				outbound.causationId());
	}

	/**
	 * Return the events of a type, or of its subtypes, in order.
	 */
	@SuppressWarnings("unchecked")
	static <S> List<PublishedEvent<S>> ofType(List<PublishedEvent<?>> events, Class<S> type) {
		return events.stream()
			.filter((published) -> type.isInstance(published.event()))
			.map((published) -> (PublishedEvent<S>) published)
			.toList();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.event.toString()).append(" (key ").append(this.key);
		if (this.tenantId != null) {
			text.append(", tenant ").append(this.tenantId);
		}
		if (this.correlationId != null) {
			text.append(", correlation ").append(this.correlationId);
		}
		return text.append(")").toString();
	}

}
