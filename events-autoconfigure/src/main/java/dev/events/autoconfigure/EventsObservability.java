package dev.events.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's meter and observation registries, or no-op ones when it has none, so
 * {@code events} instruments itself the same way with or without actuator.
 */
final class EventsObservability {

	private EventsObservability() {
	}

	static MeterRegistry meterRegistry(ObjectProvider<MeterRegistry> meterRegistry) {
		return meterRegistry.getIfUnique(CompositeMeterRegistry::new);
	}

	static ObservationRegistry observationRegistry(ObjectProvider<ObservationRegistry> observationRegistry) {
		return observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
	}

}
