package dev.events.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.events.benchmarks.workload.Micros;
import dev.events.harness.Pause;
import dev.events.test.TopicReader;

/**
 * A plain Kafka consumer, independent of {@code events}, that records when each event of a run
 * arrives: it starts at the topic's end, so it sees only what the run publishes. An event's id is
 * its CloudEvent's {@code ce_id} header or, for a peer that sends plain JSON, the JSON's
 * {@code id}.
 */
final class Arrivals implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final List<Arrival> arrived = new ArrayList<>();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread poller;

	private volatile boolean running = true;

	private Arrivals(String bootstrapServers, String topic, int partitions) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
		List<TopicPartition> assigned = IntStream.range(0, partitions)
			.mapToObj((partition) -> new TopicPartition(topic, partition))
			.toList();
		this.consumer.assign(assigned);
		this.consumer.seekToEnd(assigned);
		assigned.forEach(this.consumer::position);
		this.poller = new Thread(this::poll, "bench-arrivals");
	}

	/**
	 * Start recording the events that arrive from now on.
	 */
	static Arrivals start(String bootstrapServers, String topic, int partitions) {
		Arrivals arrivals = new Arrivals(bootstrapServers, topic, partitions);
		arrivals.poller.start();
		return arrivals;
	}

	private void poll() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(50))) {
					long now = Micros.now();
					JsonNode data = json.readTree(record.value());
					Arrival arrival = new Arrival(eventId(record, data), record.key(), data.get("seq").asLong(),
							data.get("measured").asBoolean(), now);
					synchronized (this.arrived) {
						this.arrived.add(arrival);
					}
				}
			}
		}
		finally {
			this.consumer.close();
		}
	}

	private static String eventId(ConsumerRecord<String, byte[]> record, JsonNode data) {
		String header = TopicReader.header(record, "ce_id");
		if (header != null) {
			return header;
		}
		JsonNode id = data.get("id");
		if (id == null) {
			throw new IllegalArgumentException("A record without ce_id or id at %s-%d@%d".formatted(record.topic(),
					record.partition(), record.offset()));
		}
		return id.asString();
	}

	/**
	 * Wait until the given number of records arrived.
	 * @param count the number
	 * @param timeout how long to wait at most
	 * @return every arrival
	 */
	List<Arrival> await(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (size() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("%d of %d events arrived within %s".formatted(size(), count, timeout));
			}
			Pause.of(Duration.ofMillis(5));
		}
		return snapshot();
	}

	/**
	 * Return what arrived so far.
	 * @return every arrival, in order
	 */
	List<Arrival> snapshot() {
		synchronized (this.arrived) {
			return new ArrayList<>(this.arrived);
		}
	}

	private int size() {
		synchronized (this.arrived) {
			return this.arrived.size();
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.poller.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * An event that arrived.
	 *
	 * @param eventId its id
	 * @param key its key
	 * @param seq its place among its key's events
	 * @param measured whether it belongs to the measured phase
	 * @param micros when it arrived
	 */
	record Arrival(String eventId, String key, long seq, boolean measured, long micros) {

	}

}
