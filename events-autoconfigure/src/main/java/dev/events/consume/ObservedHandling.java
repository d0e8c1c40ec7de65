package dev.events.consume;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.events.context.TraceScope;

/**
 * The {@code events.handle} observation around one handler invocation. With metrics it is a
 * timer by handler, event type and outcome; with tracing it is a consumer span that continues
 * the trace the record carries ({@link EventHandlingContext}). spring-kafka's own listener
 * observation does not wrap the invocation of a batch listener, which handlers are, so this one
 * does, per record.
 */
final class ObservedHandling implements HandlingObservation {

	private static final EventHandlingObservationConvention DEFAULT_CONVENTION =
			new DefaultEventHandlingObservationConvention();

	private final Observation observation;

	private final EventHandlingContext context;

	private ObservedHandling(Observation observation, EventHandlingContext context) {
		this.observation = observation;
		this.context = context;
	}

	static ObservedHandling start(String handlerId, ReceivedEvent event, ObservationRegistry registry,
			@Nullable EventHandlingObservationConvention convention) {
		EventHandlingContext context = new EventHandlingContext(handlerId,
				new EventHandlingContext.HandledEvent(event.record(), event.cloudEvent()));
		Observation observation = Observation.createNotStarted(convention, DEFAULT_CONVENTION, () -> context, registry)
			.start();
		return new ObservedHandling(observation, context);
	}

	@Override
	public TraceScope openScope() {
		return this.observation.openScope()::close;
	}

	@Override
	public void succeeded() {
		this.context.setOutcome("success");
	}

	@Override
	public void failed(Exception failure) {
		this.context.setOutcome("failure");
		this.observation.error(failure);
	}

	@Override
	public void stop() {
		this.observation.stop();
	}

}
