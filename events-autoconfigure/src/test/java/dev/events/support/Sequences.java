package dev.events.support;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the {@code "sequence"} field the tests' events carry: an event's place among its key's
 * events, for {@link dev.events.test.KeyOrder}.
 */
public final class Sequences {

	private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

	private Sequences() {
	}

	/**
	 * Return the sequence of the event a record carries.
	 * @param record a record whose value is JSON with a {@code sequence} field
	 * @return the sequence
	 */
	public static long of(ConsumerRecord<String, byte[]> record) {
		Matcher matcher = SEQUENCE.matcher(new String(record.value(), StandardCharsets.UTF_8));
		if (!matcher.find()) {
			throw new IllegalArgumentException("No sequence in the record at " + record.topic() + "-"
					+ record.partition() + "@" + record.offset());
		}
		return Long.parseLong(matcher.group(1));
	}

}
