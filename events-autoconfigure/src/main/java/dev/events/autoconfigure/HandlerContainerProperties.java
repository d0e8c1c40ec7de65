package dev.events.autoconfigure;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Applies Boot's {@code spring.kafka.listener.*} container settings (poll timeout, idle events,
 * auth-exception retry, observation, ...) to the handlers' container factory, through Boot's own
 * configurer, but not what the inbox, the order of records and the dead letters depend on:
 * handlers stay batch listeners acknowledged per batch, outside any Kafka transaction, and the
 * application's listener-level beans (record filter, converters, interceptors, error handler,
 * after-rollback processor) stay with its own listeners.
 */
final class HandlerContainerProperties {

	/**
	 * Container properties that stay the handlers' own.
	 */
	private static final String[] KEPT = { "ackMode", "asyncAcks", "transactionManager", "kafkaAwareTransactionManager",
			"topics", "topicPartitions", "topicPattern", "messageListener", "ackCount", "ackTime", "subBatchPerPartition",
			"kafkaConsumerProperties" };

	private HandlerContainerProperties() {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void apply(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory, ConsumerFactory<byte[], byte[]> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> boots = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(boots, (ConsumerFactory) consumers);
		ContainerProperties handlers = factory.getContainerProperties();
		BeanUtils.copyProperties(boots.getContainerProperties(), handlers, KEPT);
	}

}
