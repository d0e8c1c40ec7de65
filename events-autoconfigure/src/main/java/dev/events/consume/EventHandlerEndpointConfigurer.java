package dev.events.consume;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * Registers one spring-kafka listener endpoint per {@link EventHandler} method with the
 * {@link KafkaListenerEndpointRegistrar}, so that spring-kafka creates and runs the consumers:
 * a batch listener in the handler's own consumer group, subscribed to the topics of its event
 * types, with its own retry and dead-letter error handler, following the requested replays.
 */
public class EventHandlerEndpointConfigurer implements KafkaListenerConfigurer, BeanFactoryAware {

	private final HandlerEndpoints endpoints;

	private final KafkaListenerContainerFactory<?> containerFactory;

	private final @Nullable HandlerReplays replays;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Create a configurer.
	 * @param endpoints the handlers, resolved when the listeners are configured
	 * @param containerFactory creates the listener containers
	 * @param replays applies replays requested for handlers, or {@code null} without them
	 */
	public EventHandlerEndpointConfigurer(HandlerEndpoints endpoints, KafkaListenerContainerFactory<?> containerFactory,
			@Nullable HandlerReplays replays) {
		this.endpoints = endpoints;
		this.containerFactory = containerFactory;
		this.replays = replays;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
		DefaultMessageHandlerMethodFactory methodFactory = new DefaultMessageHandlerMethodFactory();
		if (this.beanFactory != null) {
			methodFactory.setBeanFactory(this.beanFactory);
		}
		methodFactory.afterPropertiesSet();
		for (HandlerEndpoint endpoint : this.endpoints.resolve()) {
			registrar.registerEndpoint(kafkaEndpoint(endpoint, methodFactory), this.containerFactory);
		}
	}

	private MethodKafkaListenerEndpoint<byte[], byte[]> kafkaEndpoint(HandlerEndpoint handler,
			DefaultMessageHandlerMethodFactory methodFactory) {
		MethodKafkaListenerEndpoint<byte[], byte[]> endpoint = new MethodKafkaListenerEndpoint<>();
		endpoint.setId(handler.id());
		endpoint.setGroupId(handler.id());
		endpoint.setTopics(handler.topics().toArray(String[]::new));
		endpoint.setConcurrency(handler.method().concurrency());
		endpoint.setBatchListener(true);
		endpoint.setBean(handler.listener());
		endpoint.setMethod(EventHandlerListener.ON_BATCH);
		endpoint.setMessageHandlerMethodFactory(methodFactory);
		if (this.beanFactory != null) {
			endpoint.setBeanFactory(this.beanFactory);
		}
		ContainerPostProcessor<byte[], byte[], AbstractMessageListenerContainer<byte[], byte[]>> postProcessor = (
				container) -> {
			container.setCommonErrorHandler(handler.retries().errorHandler());
			if (this.replays != null) {
				followReplays(handler.id(), container.getContainerProperties(), this.replays);
			}
		};
		endpoint.setContainerPostProcessor(postProcessor);
		return endpoint;
	}

	/**
	 * Let the replays know which partitions the container's consumers hold, and have idle
	 * consumers look for requested replays as often as the replays ask, unless the container has
	 * an idle event interval of its own ({@code spring.kafka.listener.idle-event-interval}).
	 */
	private static void followReplays(String handlerId, ContainerProperties properties, HandlerReplays replays) {
		properties.setConsumerRebalanceListener(
				new ReplayingRebalanceListener(handlerId, replays, properties.getConsumerRebalanceListener()));
		if (properties.getIdleEventInterval() == null) {
			properties.setIdleEventInterval(replays.idleCheckInterval().toMillis());
		}
	}

}
