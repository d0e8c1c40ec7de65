package dev.events.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.events.test.EmbeddedServices;

/**
 * Writes records by hand, bypassing {@code events}, to feed handlers what a broken or foreign
 * producer might send.
 */
public final class RawRecords {

	private RawRecords() {
	}

	/**
	 * Send a record and wait for the broker to take it.
	 * @param record the record
	 */
	public static void send(ProducerRecord<String, byte[]> record) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				EmbeddedServices.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A binary-mode CloudEvent record with the given type and data, as another service might
	 * write it.
	 * @param topic the topic
	 * @param key the key
	 * @param type the CloudEvent type
	 * @param data the data
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String type, String data) {
		return cloudEvent(topic, key, "raw-test", UUID.randomUUID().toString(), type, data);
	}

	/**
	 * A binary-mode CloudEvent record with the given source, id, type and data.
	 * @param topic the topic
	 * @param key the key
	 * @param source the CloudEvent source
	 * @param id the CloudEvent id
	 * @param type the CloudEvent type
	 * @param data the data
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String source, String id,
			String type, String data) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes(data));
		record.headers()
			.add("ce_specversion", bytes("1.0"))
			.add("ce_id", bytes(id))
			.add("ce_source", bytes(source))
			.add("ce_type", bytes(type))
			.add("content-type", bytes("application/json"));
		return record;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
