package dev.events.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts per-key order violations in a stream of deliveries, looking only at the first
 * delivery of each event: a later copy of an event is a duplicate, counted apart, not a
 * violation.
 */
final class KeyOrder {

	private final Map<String, Long> highestSeqPerKey = new HashMap<>();

	private final Set<String> seen = new HashSet<>();

	private int deliveries;

	private int violations;

	/**
	 * Take the next delivery.
	 * @param eventId the event delivered
	 * @param event its key and position
	 */
	void deliver(String eventId, PublishedEvent event) {
		this.deliveries++;
		if (!this.seen.add(eventId)) {
			return;
		}
		Long highest = this.highestSeqPerKey.get(event.key());
		if (highest != null && event.seq() < highest) {
			this.violations++;
		}
		else {
			this.highestSeqPerKey.put(event.key(), event.seq());
		}
	}

	Set<String> delivered() {
		return this.seen;
	}

	int duplicates() {
		return this.deliveries - this.seen.size();
	}

	int violations() {
		return this.violations;
	}

}
