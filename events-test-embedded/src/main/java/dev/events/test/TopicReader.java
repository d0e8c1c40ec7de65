package dev.events.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic from the beginning with a plain Kafka consumer, by default with io.cloudevents'
 * own {@link CloudEventDeserializer}: an independent decoder of what {@code events} wrote.
 */
public final class TopicReader {

	private TopicReader() {
	}

	/**
	 * Read CloudEvents until {@code done} holds for what was read, then on to the end of the
	 * topic, so that duplicates already written show; fail after the timeout.
	 * @param topic the topic
	 * @param done when to stop reading
	 * @param timeout how long to read at most
	 * @return every record read, in partition order
	 */
	public static List<ConsumerRecord<String, CloudEvent>> readUntil(String topic,
			Predicate<List<ConsumerRecord<String, CloudEvent>>> done, Duration timeout) {
		return readUntil(EmbeddedServices.kafkaBootstrapServers(), topic, CloudEventDeserializer.class, done, timeout);
	}

	/**
	 * Read until at least {@code count} CloudEvents were read.
	 * @param topic the topic
	 * @param count the number of records to wait for
	 * @return every record read
	 */
	public static List<ConsumerRecord<String, CloudEvent>> read(String topic, int count) {
		return readUntil(topic, (records) -> records.size() >= count, Duration.ofSeconds(60));
	}

	/**
	 * Read until at least {@code count} records were read, values as bytes.
	 * @param topic the topic
	 * @param count the number of records to wait for
	 * @return every record read
	 */
	public static List<ConsumerRecord<String, byte[]>> readRaw(String topic, int count) {
		return readRaw(topic, count, EmbeddedServices.kafkaBootstrapServers());
	}

	/**
	 * Read until at least {@code count} records were read from the given broker, values as bytes.
	 * @param topic the topic
	 * @param count the number of records to wait for
	 * @param bootstrapServers the broker to read from
	 * @return every record read
	 */
	public static List<ConsumerRecord<String, byte[]>> readRaw(String topic, int count, String bootstrapServers) {
		return readUntil(bootstrapServers, topic, ByteArrayDeserializer.class, (records) -> records.size() >= count,
				Duration.ofSeconds(60));
	}

	/**
	 * Read every record of a topic, from its beginning to the end it had when reading started;
	 * a missing topic has none.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the records, in offset order per partition
	 */
	public static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, String topic) {
		return readUntil(bootstrapServers, topic, ByteArrayDeserializer.class, (records) -> true,
				Duration.ofMinutes(2));
	}

	/**
	 * Return the id of the CloudEvent a binary-mode record carries.
	 * @param record the record
	 * @return its {@code ce_id} header
	 * @throws IllegalArgumentException if the record has none
	 */
	public static String eventId(ConsumerRecord<?, ?> record) {
		String id = header(record, "ce_id");
		if (id == null) {
			throw new IllegalArgumentException("A record without ce_id at " + record.topic() + "-"
					+ record.partition() + "@" + record.offset());
		}
		return id;
	}

	/**
	 * Return the value of a record's last header of the given name, as UTF-8 text.
	 * @param record the record
	 * @param name the header name
	 * @return the value, or {@code null} if the record has no such header
	 */
	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static <V> List<ConsumerRecord<String, V>> readUntil(String bootstrapServers, String topic,
			Class<? extends Deserializer<V>> valueDeserializer, Predicate<List<ConsumerRecord<String, V>>> done,
			Duration timeout) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		List<ConsumerRecord<String, V>> records = new ArrayList<>();
		try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Instant deadline = Instant.now().plus(timeout);
			while (!done.test(records)) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("Gave up reading %s after %s with %d records".formatted(topic, timeout,
							records.size()));
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (end.entrySet().stream().anyMatch((e) -> consumer.position(e.getKey()) < e.getValue())) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("Gave up reading %s to its end after %s".formatted(topic, timeout));
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
