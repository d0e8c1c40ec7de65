package dev.events.publish;

/**
 * Thrown when {@code events.tenancy.required} is set and an event is published without a tenant.
 * Nothing is written or sent.
 */
public class MissingTenantException extends IllegalStateException {

	MissingTenantException(String eventType) {
		super(("No tenant for event '%s' while events.tenancy.required=true: set one with EventContextHolder.open(...) "
				+ "or pass it to EventPublisher.publish(event, context)")
			.formatted(eventType));
	}

}
