package dev.events.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Compares {@code events.transport}, bound as the properties bind it (so {@code in-memory} and
 * {@code IN_MEMORY} both name the in-memory transport), with the transport a
 * {@link ConditionalOnEventsTransport} asks for.
 */
final class OnEventsTransportCondition extends SpringBootCondition {

	private static final String PROPERTY = "events.transport";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects
			.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnEventsTransport.class.getName()));
		EventsProperties.Transport required = (EventsProperties.Transport) attributes.get("value");
		EventsProperties.Transport configured = Binder.get(context.getEnvironment())
			.bind(PROPERTY, EventsProperties.Transport.class)
			.orElse(EventsProperties.Transport.KAFKA);
		String message = PROPERTY + " is " + configured;
		return (configured == required) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
