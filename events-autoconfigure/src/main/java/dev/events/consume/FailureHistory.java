package dev.events.consume;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RetryListener;

/**
 * Remembers, per record, how often it failed and since when, for its dead letter. Forgets the
 * oldest records beyond a bound, since a record that passes on a retry is never reported again.
 */
final class FailureHistory implements RetryListener {

	private static final int MAX_RECORDS = 1024;

	private final Map<String, Failures> records = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > MAX_RECORDS;
		}

	};

	private final Clock clock;

	FailureHistory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		Failures failures = this.records.get(idOf(record));
		Instant first = (failures != null) ? failures.first() : this.clock.instant();
		this.records.put(idOf(record), new Failures(deliveryAttempt, first));
	}

	/**
	 * Return the failures of a record and forget them.
	 * @param record the record given up on
	 * @return its failures: at least one, since it failed
	 */
	synchronized Failures remove(ConsumerRecord<?, ?> record) {
		Failures failures = this.records.remove(idOf(record));
		return (failures != null) ? failures : new Failures(1, this.clock.instant());
	}

	private static String idOf(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	/**
	 * How often a record failed and when first.
	 *
	 * @param attempts the failed attempts
	 * @param first when the first failed
	 */
	record Failures(int attempts, Instant first) {

	}

}
