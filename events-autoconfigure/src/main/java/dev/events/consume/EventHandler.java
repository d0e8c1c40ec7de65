package dev.events.consume;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a handler of domain events. The method takes one
 * parameter:
 * <ul>
 * <li>an event class ({@code OrderPlaced order}), or a common supertype of several;</li>
 * <li>an {@link EventEnvelope} of one ({@code EventEnvelope<OrderPlaced> order}), for the
 * payload with its metadata;</li>
 * <li>an {@code io.cloudevents.CloudEvent}, with {@link #types()} naming the event classes.</li>
 * </ul>
 * The topics to subscribe follow from the event types' registrations. Each handler is its own
 * Kafka consumer group, so a failing handler never holds back another one.
 * <p>
 * With a {@code DataSource}, the handler runs in a transaction together with a row in the
 * inbox: its database effects happen once per event, however often Kafka delivers it.
 * Failures are retried with exponential backoff, then become dead letters; events that cannot
 * be handled at all (undecodable, unknown type, data that does not bind, missing tenant) become
 * dead letters at once. Dead letters go to the database where the handler has a DataSource,
 * in order per key (later events of the key wait behind them), and to the dead-letter topic
 * otherwise; see {@link #deadLetters()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventHandler {

	/**
	 * The handler id, also its Kafka consumer group and the key of its inbox rows. Defaults to
	 * {@code <spring.application.name>.<bean class>.<method>}. Changing it makes the handler a
	 * new consumer that sees events again.
	 * @return the handler id
	 */
	String id() default "";

	/**
	 * The event classes handled. Defaults to the parameter's type (the envelope's type argument),
	 * or every permitted subclass when that type is sealed.
	 * @return the handled event classes
	 */
	Class<?>[] types() default {};

	/**
	 * A pattern on the CloudEvent type of the events handled, such as {@code com.acme.users.*}
	 * ({@code *} stands for any characters, dots included): every registered event type that
	 * matches is handled, besides {@link #types()}. The parameter must take each of them, as an
	 * {@code EventEnvelope<Object>}, a {@code CloudEvent} or a common supertype; the handler
	 * subscribes to their topics and skips the events of other types there. A pattern that
	 * matches no registered type fails the startup: see {@code events.types.packages} for the
	 * types the registry knows.
	 * @return the pattern, or empty for none
	 */
	String typePattern() default "";

	/**
	 * Number of consumer threads; at most one per partition is busy. Defaults to
	 * {@code events.handlers.concurrency}.
	 * @return the concurrency, or {@code -1} for the default
	 */
	int concurrency() default -1;

	/**
	 * Delivery attempts before an event goes to the dead-letter topic, the first included.
	 * Defaults to {@code events.handlers.retry.max-attempts}.
	 * @return the maximum attempts, or {@code -1} for the default
	 */
	int maxAttempts() default -1;

	/**
	 * Exceptions that are not worth retrying: the event becomes a dead letter at once.
	 * @return the exception types, matched against the whole cause chain
	 */
	Class<? extends Exception>[] nonRetryable() default {};

	/**
	 * Where the handler's dead letters go. Defaults to
	 * {@code events.handlers.dead-letters.destination}.
	 * @return the destination
	 */
	DeadLetterDestination deadLetters() default DeadLetterDestination.DEFAULT;

	/**
	 * Whether a dead letter in the database holds the later records of its key behind it until
	 * it is retried or discarded, so that the handler sees each key's events in order. Turn it off
	 * for handlers that do not care about order: later records of the key are then handled at
	 * once.
	 * @return whether dead letters hold their keys
	 */
	boolean sequenced() default true;

}
