package dev.events.consume;

/**
 * A record that can never be handled, whatever the retries: it goes to the dead-letter topic
 * at once, with its {@link Reason} in the {@value #REASON_HEADER} header.
 */
public class UndeliverableEventException extends RuntimeException {

	/**
	 * The dead-letter header that names the {@link Reason}.
	 */
	public static final String REASON_HEADER = "events_dlt_reason";

	private final Reason reason;

	UndeliverableEventException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	UndeliverableEventException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Return why the record cannot be handled.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a record cannot be handled.
	 */
	public enum Reason {

		/**
		 * The record is not a CloudEvent in binary or structured mode.
		 */
		NOT_A_CLOUDEVENT,

		/**
		 * No event class is registered for the CloudEvent type.
		 */
		UNKNOWN_TYPE,

		/**
		 * The data is not valid JSON, or does not bind to the event class.
		 */
		INVALID_DATA,

		/**
		 * The event has no tenant while {@code events.tenancy.required=true}.
		 */
		MISSING_TENANT

	}

}
