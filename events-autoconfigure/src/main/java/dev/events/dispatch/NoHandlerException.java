package dev.events.dispatch;

/**
 * Thrown when a message is sent that no handler method takes.
 */
public class NoHandlerException extends IllegalStateException {

	private final Class<?> messageType;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param messageType the type of the message without a handler
	 */
	public NoHandlerException(String message, Class<?> messageType) {
		super(message);
		this.messageType = messageType;
	}

	/**
	 * Return the type of the message that has no handler.
	 * @return the message type
	 */
	public Class<?> getMessageType() {
		return this.messageType;
	}

}
