package dev.events.consume;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import io.cloudevents.CloudEvent;

import org.springframework.util.ReflectionUtils;

import dev.events.cloudevents.CloudEventExtensions;

/**
 * One {@link EventHandler} method, resolved: its id, the event classes it takes, the topics
 * they come from and how it wants them.
 *
 * @param id the handler id and consumer group
 * @param bean the bean declaring the method
 * @param method the method
 * @param parameterKind how the method takes events
 * @param eventClasses the event classes it handles
 * @param topics the topics those classes are published to
 * @param concurrency the number of consumer threads
 * @param retry how failures are retried
 * @param deadLetters where dead letters go, never {@link DeadLetterDestination#DEFAULT}
 * @param sequenced whether a dead letter in the database holds the later records of its key
 */
record EventHandlerMethod(String id, Object bean, Method method, ParameterKind parameterKind,
		Set<Class<?>> eventClasses, Set<String> topics, int concurrency, HandlerRetry retry,
		DeadLetterDestination deadLetters, boolean sequenced) {

	boolean handles(Class<?> eventClass) {
		return this.eventClasses.contains(eventClass);
	}

	void invoke(ReceivedEvent event, Object payload) throws Exception {
		Object argument = switch (this.parameterKind) {
			case PAYLOAD -> payload;
			case ENVELOPE -> envelope(event, payload);
			case CLOUD_EVENT -> event.cloudEvent();
		};
		try {
			ReflectionUtils.makeAccessible(this.method);
			this.method.invoke(this.bean, argument);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

	private static EventEnvelope<Object> envelope(ReceivedEvent event, Object payload) {
		CloudEvent cloudEvent = event.cloudEvent();
		return new EventEnvelope<>(payload, cloudEvent.getId(), cloudEvent.getType(), cloudEvent.getSource(),
				cloudEvent.getTime(), event.extension(CloudEventExtensions.PARTITION_KEY), event.context().tenantId(),
				event.context().actorId(), event.context().correlationId(),
				event.extension(CloudEventExtensions.CAUSATION_ID));
	}

	/**
	 * How a handler method takes events.
	 */
	enum ParameterKind {

		/**
		 * The event object itself.
		 */
		PAYLOAD,

		/**
		 * An {@link EventEnvelope} of the event.
		 */
		ENVELOPE,

		/**
		 * The raw {@link CloudEvent}.
		 */
		CLOUD_EVENT

	}

	/**
	 * Retry settings of one handler.
	 *
	 * @param maxAttempts delivery attempts, the first included
	 * @param nonRetryable exceptions sent to the dead-letter topic at once
	 */
	record HandlerRetry(int maxAttempts, List<Class<? extends Exception>> nonRetryable) {

	}

}
