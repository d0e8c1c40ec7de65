package dev.events.dispatch;

/**
 * Checks a message before its handler runs.
 */
@FunctionalInterface
public interface MessageValidator {

	/**
	 * Check a message.
	 * @param message the message
	 * @throws RuntimeException naming what is wrong with it, if anything
	 */
	void validate(Object message);

}
