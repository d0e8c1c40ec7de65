package dev.events.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.events.test.TopicReader;

/**
 * Checks per-key order on a topic the way a consumer with an inbox sees it: the first
 * occurrence of each event (by {@code ce_id}) must come in the order of its
 * {@code "sequence"} field within its key; later copies are duplicates, allowed and counted.
 */
public final class KeyOrder {

	private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

	private final List<String> violations = new ArrayList<>();

	private final Set<String> ids = new HashSet<>();

	private int duplicates;

	private KeyOrder() {
	}

	/**
	 * Check the records of a topic, read in partition order.
	 * @param records the records, values as JSON bytes with a {@code sequence} field
	 * @return the outcome
	 */
	public static KeyOrder of(List<? extends ConsumerRecord<String, byte[]>> records) {
		KeyOrder order = new KeyOrder();
		Map<String, Integer> last = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			String id = TopicReader.header(record, "ce_id");
			if (!order.ids.add(id)) {
				order.duplicates++;
				continue;
			}
			Matcher matcher = SEQUENCE.matcher(new String(record.value(), StandardCharsets.UTF_8));
			if (!matcher.find()) {
				throw new IllegalArgumentException("No sequence in " + id);
			}
			int sequence = Integer.parseInt(matcher.group(1));
			Integer previous = last.put(record.key(), sequence);
			if (previous != null && previous >= sequence) {
				order.violations.add("key %s: %d after %d".formatted(record.key(), sequence, previous));
			}
		}
		return order;
	}

	/**
	 * Return where a first occurrence came after a later event of its key.
	 * @return the violations
	 */
	public List<String> violations() {
		return this.violations;
	}

	/**
	 * Return how many distinct events were read.
	 * @return the number of event ids
	 */
	public int distinctEvents() {
		return this.ids.size();
	}

	/**
	 * Return how many records repeated an event read before.
	 * @return the number of duplicate records
	 */
	public int duplicates() {
		return this.duplicates;
	}

}
