package dev.events.consume;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.NestedExceptionUtils;

/**
 * Says why a record became a dead letter, and what it failed with, the same way wherever it
 * failed: in its handler's container or in a retry of its dead letter.
 */
public final class DeadLetterReasons {

	/**
	 * The reason of an event that kept failing in its handler.
	 */
	public static final String HANDLER_FAILED = "HANDLER_FAILED";

	private static final int MAX_CAUSE_LENGTH = 4000;

	private static final List<String> ALL = Stream
		.concat(Stream.of(HANDLER_FAILED, SequencedDeadLetters.QUEUED_BEHIND),
				Arrays.stream(UndeliverableEventException.Reason.values()).map(Enum::name))
		.toList();

	private DeadLetterReasons() {
	}

	/**
	 * Return every reason a dead letter can have.
	 * @return the reasons
	 */
	public static List<String> all() {
		return ALL;
	}

	/**
	 * Return the reason of a failure: the {@link UndeliverableEventException.Reason} of a record
	 * that can never be handled, else {@value #HANDLER_FAILED}.
	 * @param failure what the record failed with
	 * @return the reason
	 */
	public static String reasonOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UndeliverableEventException undeliverable) {
				return undeliverable.getReason().name();
			}
		}
		return HANDLER_FAILED;
	}

	/**
	 * Return whether a dead letter with a reason holds the later records of its key behind it:
	 * all do but those of an unknown type, since a foreign producer's new type must not freeze
	 * keys.
	 * @param reason the dead letter's reason
	 * @return whether it holds its key
	 */
	public static boolean holdsKey(String reason) {
		return !UndeliverableEventException.Reason.UNKNOWN_TYPE.name().equals(reason);
	}

	/**
	 * Describe the most specific cause of a failure: its class and message, at most 4000
	 * characters.
	 * @param failure what the record failed with
	 * @return the description
	 */
	public static String causeOf(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		String description = cause.getClass().getName() + ": " + cause.getMessage();
		return (description.length() > MAX_CAUSE_LENGTH) ? description.substring(0, MAX_CAUSE_LENGTH) : description;
	}

}
