package dev.events.consume;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code events.handle} observation of each handler invocation. Declare a
 * bean of this type to replace {@link DefaultEventHandlingObservationConvention}, or extend it.
 */
public interface EventHandlingObservationConvention extends ObservationConvention<EventHandlingContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EventHandlingContext;
	}

}
