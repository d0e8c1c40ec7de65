package dev.events.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks per-key order the way a consumer with an inbox sees it: the first delivery of each event
 * must come after the first deliveries of the events published before it with the same key;
 * later copies of an event are duplicates, allowed and counted, never violations.
 * <pre class="code">
 * KeyOrder order = KeyOrder.of(TopicReader.readRaw("orders", 100), (record) -&gt; sequenceOf(record));
 * assertThat(order.violations()).isEmpty();
 * </pre>
 */
public final class KeyOrder {

	private final Map<String, Long> highestPositionPerKey = new HashMap<>();

	private final Set<String> events = new HashSet<>();

	private final List<String> violations = new ArrayList<>();

	private int duplicates;

	/**
	 * Check the records of a topic, read in offset order per partition, identified by their
	 * {@code ce_id} header and keyed by their record key.
	 * @param records the records
	 * @param position the place of a record's event among its key's events, in publish order
	 * @return the outcome
	 */
	public static KeyOrder of(List<? extends ConsumerRecord<String, byte[]>> records,
			ToLongFunction<ConsumerRecord<String, byte[]>> position) {
		KeyOrder order = new KeyOrder();
		for (ConsumerRecord<String, byte[]> record : records) {
			order.deliver(TopicReader.eventId(record), record.key(), position.applyAsLong(record));
		}
		return order;
	}

	/**
	 * Take the next delivery.
	 * @param eventId the event delivered
	 * @param key its key
	 * @param position its place among its key's events, in publish order
	 */
	public void deliver(String eventId, String key, long position) {
		if (!this.events.add(eventId)) {
			this.duplicates++;
			return;
		}
		Long highest = this.highestPositionPerKey.get(key);
		if (highest != null && position < highest) {
			this.violations.add("key %s: %d after %d".formatted(key, position, highest));
		}
		else {
			this.highestPositionPerKey.put(key, position);
		}
	}

	/**
	 * Return where a first delivery came after a later event of its key.
	 * @return the violations
	 */
	public List<String> violations() {
		return this.violations;
	}

	/**
	 * Return the distinct events delivered.
	 * @return their ids
	 */
	public Set<String> events() {
		return this.events;
	}

	/**
	 * Return how many distinct events were delivered.
	 * @return the number of event ids
	 */
	public int distinctEvents() {
		return this.events.size();
	}

	/**
	 * Return how many deliveries repeated an event delivered before.
	 * @return the number of duplicates
	 */
	public int duplicates() {
		return this.duplicates;
	}

}
