package dev.events.consume;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
import org.springframework.transaction.support.TransactionOperations;

import dev.events.inbox.InboxStore;

/**
 * Registers one spring-kafka listener endpoint per {@link EventHandler} method with the
 * {@link KafkaListenerEndpointRegistrar}, so that spring-kafka creates and runs the consumers:
 * a batch listener in the handler's own consumer group, subscribed to the topics of its event
 * types, with its own retry and dead-letter error handler, following the requested replays.
 */
public class EventHandlerEndpointConfigurer implements KafkaListenerConfigurer, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(EventHandlerEndpointConfigurer.class);

	private final EventHandlerMethodCollector collector;

	private final EventHandlerMethodResolver resolver;

	private final EventDecoder decoder;

	private final @Nullable InboxStore inbox;

	private final TransactionOperations transactions;

	private final KafkaListenerContainerFactory<?> containerFactory;

	private final HandlerErrorHandlerFactory errorHandlers;

	private final HandlerSettings settings;

	private final EventHandlers handlers;

	private final @Nullable HandlerReplays replays;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Create a configurer.
	 * @param collector the annotated methods found on beans
	 * @param settings handler defaults and how events are decoded
	 * @param inbox the inbox, or {@code null} for at-least-once handling without a database
	 * @param transactions runs each batch in a transaction
	 * @param containerFactory creates the listener containers
	 * @param errorHandlers creates each container's error handler
	 * @param replays applies replays requested for handlers, or {@code null} without them
	 */
	public EventHandlerEndpointConfigurer(EventHandlerMethodCollector collector, HandlerSettings settings,
			@Nullable InboxStore inbox, TransactionOperations transactions,
			KafkaListenerContainerFactory<?> containerFactory, HandlerErrorHandlerFactory errorHandlers,
			@Nullable HandlerReplays replays) {
		this.collector = collector;
		this.resolver = new EventHandlerMethodResolver(settings.registry(), settings.applicationName(),
				settings.concurrency(), settings.maxAttempts(), settings.deadLetters(),
				errorHandlers.hasDeadLetterStore());
		this.decoder = new EventDecoder(settings.mapper(), settings.registry(), settings.jsonMapper(),
				settings.tenantRequired(), settings.unknownTypes());
		this.inbox = inbox;
		this.transactions = transactions;
		this.handlers = new EventHandlers(transactions);
		this.containerFactory = containerFactory;
		this.errorHandlers = errorHandlers;
		this.settings = settings;
		this.replays = replays;
	}

	/**
	 * Return the ids of the registered handlers, which are also their listener container ids.
	 * @return the handler ids
	 */
	public List<String> handlerIds() {
		return this.handlers.ids();
	}

	/**
	 * Return the registered handlers, for handling their dead letters again.
	 * @return the handlers
	 */
	public EventHandlers handlers() {
		return this.handlers;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
		List<EventHandlerMethod> handlers = this.collector.handlers().stream().map(this.resolver::resolve).toList();
		if (!handlers.isEmpty() && this.inbox == null) {
			logger.info("Event handlers run at least once: there is no DataSource for the inbox, so a redelivered "
					+ "event is handled again");
		}
		if (!handlers.isEmpty() && !this.settings.observationEnabled()
				&& this.settings.observationConvention() != null) {
			logger.info("The EventHandlingObservationConvention applies to observed handler invocations only: with "
					+ "spring.kafka.listener.observation-enabled off, events.handle is a timer with the default tags");
		}
		DefaultMessageHandlerMethodFactory methodFactory = new DefaultMessageHandlerMethodFactory();
		if (this.beanFactory != null) {
			methodFactory.setBeanFactory(this.beanFactory);
		}
		methodFactory.afterPropertiesSet();
		for (EventHandlerMethod handler : handlers) {
			registrar.registerEndpoint(endpoint(handler, methodFactory), this.containerFactory);
		}
	}

	private MethodKafkaListenerEndpoint<byte[], byte[]> endpoint(EventHandlerMethod handler,
			DefaultMessageHandlerMethodFactory methodFactory) {
		MethodKafkaListenerEndpoint<byte[], byte[]> endpoint = new MethodKafkaListenerEndpoint<>();
		endpoint.setId(handler.id());
		endpoint.setGroupId(handler.id());
		endpoint.setTopics(handler.topics().toArray(String[]::new));
		endpoint.setConcurrency(handler.concurrency());
		endpoint.setBatchListener(true);
		EventHandlerListener listener = new EventHandlerListener(handler, this.decoder, this.inbox,
				this.errorHandlers.sequencesOf(handler), this.errorHandlers.failedRecords(), this.replays,
				this.transactions, observations(handler.id()), this.settings.meterRegistry());
		this.handlers.register(handler.id(), listener);
		endpoint.setBean(listener);
		endpoint.setMethod(EventHandlerListener.ON_BATCH);
		endpoint.setMessageHandlerMethodFactory(methodFactory);
		if (this.beanFactory != null) {
			endpoint.setBeanFactory(this.beanFactory);
		}
		ContainerPostProcessor<byte[], byte[], AbstractMessageListenerContainer<byte[], byte[]>> postProcessor = (
				container) -> {
			container.setCommonErrorHandler(this.errorHandlers.create(handler));
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

	private HandlingObservations observations(String handlerId) {
		if (this.settings.observationEnabled()) {
			return HandlingObservations.observed(handlerId, this.settings.observations(),
					this.settings.observationConvention());
		}
		return HandlingObservations.timed(handlerId, this.settings.meterRegistry(), this.settings.traces());
	}

}
