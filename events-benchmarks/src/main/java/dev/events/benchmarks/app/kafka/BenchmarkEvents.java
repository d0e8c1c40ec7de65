package dev.events.benchmarks.app.kafka;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.events.benchmarks.app.Measured;
import dev.events.benchmarks.workload.WorkloadProperties;
import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.context.EventContext;
import dev.events.publish.OutboundEventFactory;

/**
 * The events of a workload on Kafka alone or in memory, numbered: event {@code n} has key
 * {@code n % keys} and is the {@code n / keys}-th of that key, so that sending them in number
 * order per key keeps each key's order. As records they are exactly what the starter sends: its
 * own factory and mapper build them.
 */
@Component
public class BenchmarkEvents {

	private static final String NOTE = "x".repeat(200);

	private static final String KEY_PREFIX = "key-";

	private final WorkloadProperties workload;

	private final OutboundEventFactory factory;

	private final CloudEventRecordMapper mapper;

	BenchmarkEvents(WorkloadProperties workload, OutboundEventFactory factory, CloudEventRecordMapper mapper) {
		this.workload = workload;
		this.factory = factory;
		this.mapper = mapper;
	}

	/**
	 * Return event {@code n} of the run.
	 * @param n its number; the warm-up's come first
	 * @return the event
	 */
	public Measured event(int n) {
		int keys = this.workload.keys();
		return new Measured(KEY_PREFIX + (n % keys), n / keys, n >= this.workload.warmup(), NOTE);
	}

	/**
	 * Return the number of an event of the run: the inverse of {@link #event(int)}.
	 * @param event the event
	 * @return its number
	 */
	public int number(Measured event) {
		return (int) event.seq() * this.workload.keys() + Integer.parseInt(event.key().substring(KEY_PREFIX.length()));
	}

	/**
	 * Return events as the records the starter sends.
	 * @param from the number of the first
	 * @param count how many
	 * @return the records
	 */
	List<ProducerRecord<@Nullable String, byte[]>> records(int from, int count) {
		return IntStream.range(from, from + count)
			.mapToObj((n) -> this.mapper.toRecord(this.factory.create(event(n), EventContext.empty())))
			.toList();
	}

	/**
	 * Return whether a thread of the given number sends event {@code n}: each thread owns the
	 * keys equal to its index modulo their number.
	 * @param thread the thread's index
	 * @param n the event's number
	 * @return whether the thread sends it
	 */
	public boolean ownedBy(int thread, int n) {
		return (n % this.workload.keys()) % this.workload.threads() == thread;
	}

}
