package dev.events.publish;

import java.util.UUID;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.type.DomainEvent;

/**
 * Publishes domain events as CloudEvents to Kafka.
 * <p>
 * With a {@code DataSource}, publishing writes the event to the transactional outbox: inside a
 * transaction the event is sent once the transaction commits and never when it rolls back;
 * outside one it is stored at once. A relay sends stored events in order per partition key.
 *
 * @see DomainEvent
 * @see EventContextHolder
 */
public interface EventPublisher {

	/**
	 * Publish an event with the current {@link EventContextHolder context}.
	 * @param event an instance of a registered event class
	 * @return the id of the published event
	 * @throws dev.events.type.UnknownEventTypeException if the event class is not registered
	 * @throws MissingTenantException if a tenant is required and none is known
	 */
	default UUID publish(Object event) {
		return publish(event, EventContext.empty());
	}

	/**
	 * Publish an event; values present in {@code context} take precedence over the current
	 * {@link EventContextHolder context}.
	 * @param event an instance of a registered event class
	 * @param context tenant, actor, correlation and causation for this event only
	 * @return the id of the published event
	 * @throws dev.events.type.UnknownEventTypeException if the event class is not registered
	 * @throws MissingTenantException if a tenant is required and none is known
	 */
	UUID publish(Object event, EventContext context);

}
