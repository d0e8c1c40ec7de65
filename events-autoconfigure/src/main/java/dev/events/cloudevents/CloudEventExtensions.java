package dev.events.cloudevents;

/**
 * Names of the CloudEvent extension attributes that {@code events} writes. In binary mode each
 * travels as a {@code ce_<name>} Kafka header.
 */
public final class CloudEventExtensions {

	/**
	 * The tenant the event belongs to.
	 */
	public static final String TENANT_ID = "tenantid";

	/**
	 * The user or system that caused the event.
	 */
	public static final String ACTOR_ID = "actorid";

	/**
	 * The id shared by every event of one business conversation.
	 */
	public static final String CORRELATION_ID = "correlationid";

	/**
	 * The id of the event that caused this one.
	 */
	public static final String CAUSATION_ID = "causationid";

	/**
	 * The partition key (CloudEvents Partitioning extension); also the Kafka record key.
	 */
	public static final String PARTITION_KEY = "partitionkey";

	/**
	 * The W3C trace context at publish time (CloudEvents Distributed Tracing extension).
	 */
	public static final String TRACEPARENT = "traceparent";

	private CloudEventExtensions() {
	}

}
