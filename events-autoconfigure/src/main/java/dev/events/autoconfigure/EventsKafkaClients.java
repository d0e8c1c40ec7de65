package dev.events.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

import dev.events.cloudevents.CloudEventSendObservationConvention;

/**
 * Derives the Kafka clients of {@code events} from the application's own factories, so that
 * {@code spring.kafka.*} (connection, security, tuning) applies to them, with serializers that
 * fit CloudEvents and safe defaults where the application configured nothing.
 * <p>
 * The producers are never transactional, whatever the application's factory is: the outbox
 * already ties events to the database transaction, and a send outside a Kafka transaction
 * fails on a transactional producer.
 */
final class EventsKafkaClients {

	/**
	 * Defaults of the relay's producer: every acknowledgement, idempotence (no duplicates or
	 * reordering from the producer's own retries), a short wait for metadata so an unreachable
	 * broker or a missing topic holds a round back only briefly, retries without a deadline, so
	 * that records of a key never expire while later ones get through (as Kafka Connect does), and
	 * no linger: the relay hands a round's records over at once, so they batch without waiting, and
	 * Kafka 4's 5 ms linger would only add to every event's latency.
	 */
	static final Map<String, Object> RELAY_PRODUCER_DEFAULTS = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
			ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE, ProducerConfig.LINGER_MS_CONFIG, 0);

	/**
	 * Defaults of the dead-letter producer: every acknowledgement and idempotence, with
	 * Kafka's delivery timeout so that a consumer does not wait for an unreachable broker forever.
	 */
	static final Map<String, Object> DEAD_LETTER_PRODUCER_DEFAULTS = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);

	private EventsKafkaClients() {
	}

	/**
	 * A template sending byte array values through a non-transactional producer of its own,
	 * configured like the application's producer, with the given defaults where it configures
	 * nothing, and observed like the application's template
	 * ({@code spring.kafka.template.observation-enabled}), through the application's
	 * {@link KafkaTemplateObservationConvention} if it has one, else with the CloudEvent type as a
	 * tag beside spring-kafka's. The template closes its producer when it is destroyed.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static <K> KafkaTemplate<K, byte[]> template(ProducerFactory<?, ?> producerFactory,
			Class<? extends Serializer<?>> keySerializer, Map<String, Object> defaults,
			ObjectProvider<KafkaProperties> kafkaProperties,
			ObjectProvider<KafkaTemplateObservationConvention> observationConvention) {
		Map<String, Object> config = new HashMap<>(producerFactory.getConfigurationProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		defaults.forEach(config::putIfAbsent);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		DefaultKafkaProducerFactory<K, byte[]> own = new DefaultKafkaProducerFactory<>(config);
		producerFactory.getListeners().forEach((listener) -> own.addListener((ProducerFactory.Listener) listener));
		OwningKafkaTemplate<K, byte[]> template = new OwningKafkaTemplate<>(own);
		KafkaProperties properties = kafkaProperties.getIfAvailable();
		template.setObservationEnabled(properties != null && properties.getTemplate().isObservationEnabled());
		template.setObservationConvention(observationConvention.getIfUnique(CloudEventSendObservationConvention::new));
		return template;
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

	/**
	 * A template that closes the producer factory it was given when it is destroyed, since that
	 * factory is not a bean of its own. It does not log failed sends: their callers do, once per
	 * round rather than once per record.
	 */
	private static final class OwningKafkaTemplate<K, V> extends KafkaTemplate<K, V> {

		private final DefaultKafkaProducerFactory<K, V> producerFactory;

		OwningKafkaTemplate(DefaultKafkaProducerFactory<K, V> producerFactory) {
			super(producerFactory);
			this.producerFactory = producerFactory;
			setProducerListener(new ProducerListener<>() {
			});
		}

		@Override
		public void destroy() {
			super.destroy();
			this.producerFactory.destroy();
		}

	}

}
