package dev.events.autoconfigure.health;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Teaches the health endpoint where {@code DEGRADED} ranks, between {@code OUT_OF_SERVICE} and
 * {@code UP}, so it shows in the aggregate status. Only a default: an application that sets
 * {@value #ORDER_PROPERTY} keeps its own order.
 */
class EventsHealthStatusOrder implements EnvironmentPostProcessor {

	static final String ORDER_PROPERTY = "management.endpoint.health.status.order";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("eventsHealthDefaults",
					Map.of(ORDER_PROPERTY, "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN")));
	}

}
