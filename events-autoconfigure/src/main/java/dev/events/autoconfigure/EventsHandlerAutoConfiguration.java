package dev.events.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.consume.ConflictRetry;
import dev.events.consume.DeadLetterDestination;
import dev.events.consume.DeadLetterTopics;
import dev.events.consume.EventHandlerEndpointConfigurer;
import dev.events.consume.EventHandlingObservationConvention;
import dev.events.consume.EventHandlerMethodCollector;
import dev.events.consume.HandlerEndpoints;
import dev.events.consume.HandlerErrorHandlerFactory;
import dev.events.consume.HandlerReplays;
import dev.events.consume.HandlerSettings;
import dev.events.consume.SequencedDeadLetters;
import dev.events.inbox.InboxStore;
import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.TransactionManagerResolver;
import dev.events.memory.InMemoryTransport;
import dev.events.publish.TraceparentProvider;
import dev.events.type.EventTypeRegistry;

/**
 * Auto-configuration of {@link dev.events.consume.EventHandler} methods: their listener
 * containers, retries, dead-letter topics and, with a database, the inbox transaction.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, EventsAutoConfiguration.class,
		EventsInboxAutoConfiguration.class },
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass(EnableKafka.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsHandlerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EventsHandlerAutoConfiguration.class);

	/**
	 * Name of the listener container factory of event handlers.
	 */
	public static final String CONTAINER_FACTORY_BEAN_NAME = "eventsListenerContainerFactory";

	/**
	 * Name of the {@link KafkaTemplate} bean that sends dead letters.
	 */
	public static final String DEAD_LETTER_TEMPLATE_BEAN_NAME = "eventsDeadLetterKafkaTemplate";

	@Bean
	@ConditionalOnMissingBean
	static EventHandlerMethodCollector eventHandlerMethodCollector() {
		return new EventHandlerMethodCollector();
	}

	@Bean(CONTAINER_FACTORY_BEAN_NAME)
	@ConditionalOnMissingBean(name = CONTAINER_FACTORY_BEAN_NAME)
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	ConcurrentKafkaListenerContainerFactory<byte[], byte[]> eventsListenerContainerFactory(
			ConsumerFactory<?, ?> consumerFactory,
			ObjectProvider<ConcurrentKafkaListenerContainerFactoryConfigurer> bootConfigurer,
			ObjectProvider<InboxStore> inbox, ObjectProvider<KafkaProperties> kafkaProperties,
			EventsProperties properties) {
		ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		ConsumerFactory<byte[], byte[]> consumers = EventsKafkaClients.consumerFactory(consumerFactory);
		factory.setConsumerFactory(consumers);
		factory.setBatchListener(true);
		bootConfigurer.ifAvailable((configurer) -> HandlerContainerProperties.apply(configurer, factory, consumers));
		kafkaProperties.ifAvailable((boot) -> factory.setAutoStartup(boot.getListener().isAutoStartup()));
		commitOffsets(factory.getContainerProperties(), inbox.getIfAvailable() != null,
				properties.getHandlers().getInbox().getOffsetCommitInterval());
		return factory;
	}

	/**
	 * With the inbox a redelivered event is skipped, so handlers commit their offsets at most once
	 * an interval instead of after every poll: each commit is a broker round trip between polls.
	 * Without it a redelivered event is handled again, so they commit after every poll. Pending
	 * offsets are committed when partitions are revoked and when a container stops, either way.
	 */
	private static void commitOffsets(ContainerProperties container, boolean inbox, Duration interval) {
		if (inbox && !interval.isZero()) {
			container.setAckMode(AckMode.TIME);
			container.setAckTime(interval.toMillis());
		}
		else {
			container.setAckMode(AckMode.BATCH);
		}
	}

	/**
	 * The template dead letters are sent with: keys and values as the bytes received.
	 */
	@Bean(DEAD_LETTER_TEMPLATE_BEAN_NAME)
	@ConditionalOnMissingBean(name = DEAD_LETTER_TEMPLATE_BEAN_NAME)
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	KafkaTemplate<byte[], byte[]> eventsDeadLetterKafkaTemplate(ProducerFactory<?, ?> producerFactory,
			ObjectProvider<KafkaProperties> kafkaProperties,
			ObjectProvider<KafkaTemplateObservationConvention> observationConvention) {
		return EventsKafkaClients.template(producerFactory, ByteArraySerializer.class,
				EventsKafkaClients.DEAD_LETTER_PRODUCER_DEFAULTS, kafkaProperties, observationConvention);
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerErrorHandlerFactory handlerErrorHandlerFactory(
			@Qualifier(DEAD_LETTER_TEMPLATE_BEAN_NAME) ObjectProvider<KafkaTemplate<byte[], byte[]>> deadLetterTemplate,
			ObjectProvider<InMemoryTransport> inMemory, EventsProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<SequencedDeadLetters> deadLetterStore,
			CloudEventRecordMapper mapper) {
		EventsProperties.Retry retry = properties.getHandlers().getRetry();
		EventsProperties.Conflicts conflicts = retry.getConflicts();
		DeadLetterTopics deadLetterTopics = new DeadLetterTopics(properties.getHandlers().getDeadLetterTopic());
		InMemoryTransport transport = inMemory.getIfAvailable();
		Function<String, ConsumerRecordRecoverer> topicRecoverers = (transport != null)
				? transport::deadLetterRecoverer
				: HandlerErrorHandlerFactory.toKafka(deadLetterTemplate.getObject(), deadLetterTopics);
		return new HandlerErrorHandlerFactory(topicRecoverers, deadLetterTopics,
				retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval(),
				new ConflictRetry(conflicts.getMaxAttempts(), conflicts.getInitialInterval(),
						conflicts.getMaxInterval()),
				EventsObservability.meterRegistry(meterRegistry), deadLetterStore.getIfAvailable(), mapper,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	EventHandlerEndpointConfigurer eventHandlerEndpointConfigurer(HandlerEndpoints endpoints,
			ObjectProvider<HandlerReplays> replays, @Qualifier(CONTAINER_FACTORY_BEAN_NAME)
			ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory) {
		return new EventHandlerEndpointConfigurer(endpoints, containerFactory, replays.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerEndpoints handlerEndpoints(EventHandlerMethodCollector collector, EventTypeRegistry registry,
			CloudEventRecordMapper mapper, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<InboxStore> inbox, ObjectProvider<EventsDatabase> database,
			ObjectProvider<PlatformTransactionManager> transactionManagers, ListableBeanFactory beanFactory,
			EventsProperties properties,
			Environment environment, HandlerErrorHandlerFactory errorHandlers,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EventHandlingObservationConvention> observationConvention,
			ObjectProvider<TraceparentProvider> traceparent, ObjectProvider<SequencedDeadLetters> deadLetterStore,
			ObjectProvider<HandlerReplays> replays, @Qualifier(CONTAINER_FACTORY_BEAN_NAME)
			ObjectProvider<ConcurrentKafkaListenerContainerFactory<?, ?>> containerFactory) {
		EventsProperties.Handlers handlers = properties.getHandlers();
		HandlerSettings settings = new HandlerSettings(registry, mapper, jsonMapper.getIfAvailable(JsonMapper::shared),
				properties.getTenancy().isRequired(), handlers.getUnknownTypes(),
				environment.getProperty("spring.application.name", "application"),
				handlers.getConcurrency(), handlers.getRetry().getMaxAttempts(),
				observesListeners(containerFactory.getIfAvailable(), environment),
				EventsObservability.observationRegistry(observationRegistry), observationConvention.getIfUnique(),
				traceparent.getIfAvailable(), EventsObservability.meterRegistry(meterRegistry),
				deadLetterDestination(handlers.getDeadLetters().getDestination(), deadLetterStore.getIfAvailable()));
		InboxStore inboxStore = inbox.getIfAvailable();
		return new HandlerEndpoints(collector, settings, inboxStore,
				transactions(inboxStore, database.getIfAvailable(), transactionManagers,
						beanFactory.getBeansOfType(PlatformTransactionManager.class),
						properties.getJdbc().getTransactionManager()),
				errorHandlers, replays.getIfAvailable());
	}

	/**
	 * Whether the handler containers observe their listeners, as Boot's
	 * {@code spring.kafka.listener.observation-enabled} configures a factory: not for a factory
	 * without container properties. Without a factory (the in-memory transport), as that
	 * property says.
	 */
	private static boolean observesListeners(@Nullable ConcurrentKafkaListenerContainerFactory<?, ?> containerFactory,
			Environment environment) {
		if (containerFactory == null) {
			return environment.getProperty("spring.kafka.listener.observation-enabled", Boolean.class, false);
		}
		ContainerProperties properties = containerFactory.getContainerProperties();
		return properties != null && properties.isObservationEnabled();
	}

	/**
	 * Handlers keep their dead letters where the properties say, else in the database where
	 * there is one for them, else on the dead-letter topic.
	 */
	private static DeadLetterDestination deadLetterDestination(@Nullable DeadLetterDestination configured,
			@Nullable SequencedDeadLetters store) {
		if (configured != null && configured != DeadLetterDestination.DEFAULT) {
			return configured;
		}
		return (store != null) ? DeadLetterDestination.DATABASE : DeadLetterDestination.TOPIC;
	}

	/**
	 * Handler transactions run in a manager of the events DataSource, so the inbox row commits
	 * exactly with the handler's own writes; see {@link TransactionManagerResolver}.
	 */
	private static TransactionOperations transactions(@Nullable InboxStore inbox, @Nullable EventsDatabase database,
			ObjectProvider<PlatformTransactionManager> transactionManagers,
			Map<String, PlatformTransactionManager> managers, @Nullable String configured) {
		if (inbox == null || database == null) {
			return TransactionOperations.withoutTransaction();
		}
		PlatformTransactionManager chosen = EventsTransactionManager.choose(database, transactionManagers, managers,
				configured);
		if (!managers.containsValue(chosen)) {
			logger.info("Event handlers run their inbox transactions in a JdbcTransactionManager of their own: none of "
					+ "the application's transaction managers " + managers.keySet() + " manages the events DataSource");
		}
		return new TransactionTemplate(chosen);
	}

}
