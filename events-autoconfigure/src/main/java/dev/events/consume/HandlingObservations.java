package dev.events.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.events.context.TraceResumer;

/**
 * Starts what measures each invocation of one handler: the {@code events.handle} observation where
 * the handler's container observes its listener ({@code spring.kafka.listener.observation-enabled}),
 * else the {@code events.handle} timer alone, at a fraction of the observation's cost per event.
 */
@FunctionalInterface
interface HandlingObservations {

	/**
	 * Start measuring one invocation.
	 * @param event the event the handler is invoked for
	 * @return the measurement, to stop when the invocation ends
	 */
	HandlingObservation start(ReceivedEvent event);

	/**
	 * Observe each invocation: a timer and, with tracing, a span.
	 * @param handlerId the handler
	 * @param registry the observation registry
	 * @param convention names and tags the observations, or {@code null} for the default
	 * @return the observations
	 */
	static HandlingObservations observed(String handlerId, ObservationRegistry registry,
			@Nullable EventHandlingObservationConvention convention) {
		return (event) -> ObservedHandling.start(handlerId, event, registry, convention);
	}

	/**
	 * Time each invocation, in the trace its event carries.
	 * @param handlerId the handler
	 * @param registry where the timers are registered
	 * @param traces makes the event's trace current while the handler runs, or {@code null} without
	 * tracing
	 * @return the timers
	 */
	static HandlingObservations timed(String handlerId, MeterRegistry registry, @Nullable TraceResumer traces) {
		HandlingTimers timers = new HandlingTimers(handlerId, registry);
		return (event) -> new TimedHandling(timers, event, traces);
	}

}
