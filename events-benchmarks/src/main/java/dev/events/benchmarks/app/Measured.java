package dev.events.benchmarks.app;

import dev.events.type.DomainEvent;

/**
 * The event of the benchmarks, about 300 bytes of JSON.
 *
 * @param key the partition key
 * @param seq the position of the event among its key's, in commit order
 * @param measured whether it belongs to the measured phase rather than the warm-up
 * @param note filler up to the event's size
 */
@DomainEvent(type = "dev.events.benchmarks.Measured", topic = Measured.TOPIC, key = "key")
public record Measured(String key, long seq, boolean measured, String note) {

	/** The topic the events go to. */
	public static final String TOPIC = "bench";

}
