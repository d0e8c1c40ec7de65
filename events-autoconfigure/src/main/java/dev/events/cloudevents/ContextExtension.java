package dev.events.cloudevents;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.events.publish.OutboundEvent;

/**
 * An extension attribute written from an event's context when the event has it, once for both
 * ways a record is written: through the SDK and straight as binary-mode headers.
 *
 * @param name the attribute's name
 * @param header its binary-mode header, {@code ce_<name>}
 * @param value its value in an event, or {@code null} if the event has none
 */
record ContextExtension(String name, String header, Function<OutboundEvent, @Nullable String> value) {

	/**
	 * The context extensions, in the order they are written.
	 */
	static final List<ContextExtension> ALL = List.of(of(CloudEventExtensions.TENANT_ID, OutboundEvent::tenantId),
			of(CloudEventExtensions.ACTOR_ID, OutboundEvent::actorId),
			of(CloudEventExtensions.CORRELATION_ID, OutboundEvent::correlationId),
			of(CloudEventExtensions.CAUSATION_ID, OutboundEvent::causationId),
			of(CloudEventExtensions.TRACEPARENT, OutboundEvent::traceparent));

	private static ContextExtension of(String name, Function<OutboundEvent, @Nullable String> value) {
		return new ContextExtension(name, BinaryRecords.PREFIX + name, value);
	}

}
