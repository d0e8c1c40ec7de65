package dev.events.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic, partition by partition in offset order, with a plain Kafka consumer: the
 * verifier's own view of the wire, independent of the starter.
 */
final class TopicLog {

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private TopicLog() {
	}

	/**
	 * Pass every record of {@code topic} to {@code action}; a missing topic has none.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param action what to do with each record, in offset order per partition
	 */
	static void forEach(String bootstrapServers, String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			if (partitions.isEmpty()) {
				return;
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end within " + TIMEOUT);
				}
				consumer.poll(POLL).forEach(action);
			}
		}
	}

	/**
	 * Return the id of the CloudEvent a binary-mode record carries.
	 * @param record the record
	 * @return its {@code ce_id} header
	 */
	static String eventId(ConsumerRecord<byte[], byte[]> record) {
		Header id = record.headers().lastHeader("ce_id");
		if (id == null) {
			throw new IllegalStateException("A record without ce_id at " + record.topic() + "-"
					+ record.partition() + "@" + record.offset());
		}
		return new String(id.value(), StandardCharsets.UTF_8);
	}

}
