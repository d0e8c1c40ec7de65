package dev.events.benchmarks.workload;

import java.util.UUID;

/**
 * How a service publishes the event of the benchmarks: once per transaction, inside it, so
 * that the event commits with the business row or not at all.
 */
@FunctionalInterface
public interface EventSink {

	/**
	 * Publish one event, about 300 bytes of JSON, inside the running transaction.
	 * @param key the partition key
	 * @param seq the position of the event among its key's, in commit order
	 * @param measured whether it belongs to the measured phase rather than the warm-up
	 * @param note filler up to the event's size
	 * @return the event's id, as a consumer of the topic reads it
	 */
	UUID publish(String key, long seq, boolean measured, String note);

}
