package dev.events.cloudevents;

/**
 * How CloudEvents are written to Kafka records (CloudEvents Kafka protocol binding).
 */
public enum CloudEventsMode {

	/**
	 * Attributes in {@code ce_*} headers, the event data as the record value.
	 */
	BINARY,

	/**
	 * The whole event as a JSON document in the record value
	 * ({@code application/cloudevents+json}).
	 */
	STRUCTURED

}
