package dev.events.consume;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The {@code events.handle} observation around each handler invocation. With metrics it is a
 * timer by handler, event type and outcome; with tracing it is a consumer span that continues
 * the trace of the event's {@code traceparent} extension, which propagators read from the
 * event's extensions.
 */
final class HandlingObservation {

	static final String NAME = "events.handle";

	private HandlingObservation() {
	}

	static Observation start(String handlerId, ReceivedEvent event, ObservationRegistry registry) {
		ReceiverContext<ReceivedEvent> context = new ReceiverContext<>(ReceivedEvent::extension);
		context.setCarrier(event);
		context.setRemoteServiceName("kafka");
		return Observation.createNotStarted(NAME, () -> context, registry)
			.contextualName("handle " + event.cloudEvent().getType())
			.lowCardinalityKeyValue("handler", handlerId)
			.lowCardinalityKeyValue("event.type", event.cloudEvent().getType())
			.highCardinalityKeyValue("event.id", event.id())
			.start();
	}

	static void succeeded(Observation observation) {
		observation.lowCardinalityKeyValue("outcome", "success");
	}

	static void failed(Observation observation, Exception failure) {
		observation.lowCardinalityKeyValue("outcome", "failure");
		observation.error(failure);
	}

}
