package dev.events.benchmarks.modulith;

import java.util.UUID;

import org.springframework.modulith.events.Externalized;

/**
 * The event of the benchmarks, about 300 bytes of JSON, externalized to the same topic as the
 * starter's and keyed the same way.
 *
 * @param id the event's id, which a consumer reads from the JSON
 * @param key the partition key
 * @param seq the position of the event among its key's, in commit order
 * @param measured whether it belongs to the measured phase rather than the warm-up
 * @param note filler up to the event's size
 */
@Externalized(Measured.TOPIC + "::#{#this.key()}")
public record Measured(UUID id, String key, long seq, boolean measured, String note) {

	/** The topic the events go to. */
	public static final String TOPIC = "bench";

}
