package dev.events.type;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class (typically a record) as a domain event: the CloudEvent {@code type} it is
 * published as, the Kafka topic it goes to and how its partition key is found.
 * <pre class="code">
 * &#64;DomainEvent(type = "com.acme.orders.OrderPlaced", topic = "orders", key = "orderId")
 * public record OrderPlaced(String orderId, BigDecimal amount) {
 * }
 * </pre>
 * Classes that cannot be annotated are registered through an {@link EventTypeRegistryCustomizer}.
 *
 * @see EventTypeRegistry
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DomainEvent {

	/**
	 * The CloudEvent {@code type}, unique across the event types of an application, for example
	 * {@code com.acme.orders.OrderPlaced}. Consumers route on it, so it is part of your API.
	 * @return the CloudEvent type
	 */
	String type();

	/**
	 * The Kafka topic the event is published to.
	 * @return the topic
	 */
	String topic();

	/**
	 * A SpEL expression evaluated against the event that gives its partition key, for example
	 * {@code orderId} (a record component, property or field) or {@code customer.id}. Events
	 * with the same key are delivered in publish order. Empty for no key: such events are
	 * spread over partitions and have no relative order.
	 * @return the partition key expression
	 */
	String key() default "";

	/**
	 * Former CloudEvent types of this event, still read as this class: events stored or sent
	 * under an old name load after the type is renamed. Events are always published under
	 * {@link #type()}.
	 * @return the former types
	 */
	String[] aliases() default {};

}
