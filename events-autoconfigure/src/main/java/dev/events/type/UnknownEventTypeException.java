package dev.events.type;

/**
 * Thrown when an event class or CloudEvent type has not been registered.
 */
public class UnknownEventTypeException extends IllegalArgumentException {

	UnknownEventTypeException(String message) {
		super(message);
	}

}
