package dev.events.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Derives the Kafka clients of {@code events} from the application's own factories, so that
 * {@code spring.kafka.*} (connection, security, tuning) applies to them, with serializers that
 * fit CloudEvents and safe defaults where the application configured nothing.
 */
final class EventsKafkaClients {

	private static final int DEFAULT_MAX_BLOCK_MS = 5000;

	private EventsKafkaClients() {
	}

	/**
	 * A template sending byte array values, idempotent with {@code acks=all} and a short
	 * {@code max.block.ms} unless configured otherwise.
	 */
	@SuppressWarnings("unchecked")
	static <K> KafkaTemplate<K, byte[]> template(ProducerFactory<?, ?> producerFactory,
			Class<? extends Serializer<?>> keySerializer) {
		Map<String, Object> configured = producerFactory.getConfigurationProperties();
		Map<String, Object> overrides = new HashMap<>();
		putIfNotConfigured(overrides, configured, ProducerConfig.ACKS_CONFIG, "all");
		putIfNotConfigured(overrides, configured, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		putIfNotConfigured(overrides, configured, ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
		overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer);
		overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return new KafkaTemplate<>((ProducerFactory<K, byte[]>) producerFactory, overrides);
	}

	/**
	 * A consumer factory reading keys and values as bytes, committing offsets only when told
	 * and starting new consumer groups at the earliest offset unless configured otherwise. The
	 * application factory's listeners (such as Boot's Micrometer metrics) apply to it too.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static ConsumerFactory<byte[], byte[]> consumerFactory(ConsumerFactory<?, ?> consumerFactory) {
		Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
		config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		DefaultKafkaConsumerFactory<byte[], byte[]> bytes = new DefaultKafkaConsumerFactory<>(config);
		consumerFactory.getListeners().forEach((listener) -> bytes.addListener((ConsumerFactory.Listener) listener));
		return bytes;
	}

	private static void putIfNotConfigured(Map<String, Object> overrides, Map<String, Object> configured, String key,
			Object value) {
		if (!configured.containsKey(key)) {
			overrides.put(key, value);
		}
	}

}
