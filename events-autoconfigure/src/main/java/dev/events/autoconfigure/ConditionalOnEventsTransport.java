package dev.events.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code events.transport} names the given transport, Kafka when it is not set.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnEventsTransportCondition.class)
public @interface ConditionalOnEventsTransport {

	/**
	 * The transport that must be configured.
	 * @return the transport
	 */
	EventsProperties.Transport value();

}
