package dev.events.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.consume.DeadLetterTopics;
import dev.events.publish.DirectEventPublisher;
import dev.events.publish.EventPublicationListener;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEventFactory;
import dev.events.publish.TraceparentProvider;
import dev.events.type.DomainEventScanner;
import dev.events.type.EventTypeRegistry;
import dev.events.type.EventTypeRegistryCustomizer;

/**
 * Core auto-configuration of {@code events}: event types, the CloudEvents wire format, the
 * Kafka sender, declared topics and, when the outbox does not apply, direct publishing.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, EventsOutboxAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsAutoConfiguration {

	/**
	 * Name of the {@link KafkaTemplate} bean that sends events.
	 */
	public static final String KAFKA_TEMPLATE_BEAN_NAME = "eventsKafkaTemplate";

	private static final Log logger = LogFactory.getLog(EventsAutoConfiguration.class);

	/**
	 * The event types: those registered by customizers, then every {@code @DomainEvent} class of
	 * {@code events.types.packages}, or of the application's packages, so that handlers know
	 * every type of the application before they consume.
	 */
	@Bean
	@ConditionalOnMissingBean
	EventTypeRegistry eventTypeRegistry(ObjectProvider<EventTypeRegistryCustomizer> customizers,
			EventsProperties properties, BeanFactory beanFactory, ResourceLoader resourceLoader) {
		EventTypeRegistry registry = new EventTypeRegistry();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(registry));
		new DomainEventScanner(resourceLoader).scan(typePackages(properties, beanFactory))
			.forEach(registry::registerAnnotated);
		return registry;
	}

	private static List<String> typePackages(EventsProperties properties, BeanFactory beanFactory) {
		if (!properties.getTypes().getPackages().isEmpty()) {
			return properties.getTypes().getPackages();
		}
		return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
	}

	@Bean
	@ConditionalOnMissingBean
	EventsInstance eventsInstance(EventsProperties properties) {
		return EventsInstance.of(properties.getOutbox().getRelay().getInstanceId());
	}

	@Bean
	@ConditionalOnMissingBean
	CloudEventRecordMapper cloudEventRecordMapper(EventsProperties properties) {
		return new CloudEventRecordMapper(properties.getCloudevents().getMode());
	}

	@Bean
	@ConditionalOnMissingBean
	OutboundEventFactory outboundEventFactory(EventTypeRegistry registry, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<TraceparentProvider> traceparent, EventsProperties properties, Environment environment) {
		return new OutboundEventFactory(registry, jsonMapper.getIfAvailable(JsonMapper::shared),
				source(properties, environment), properties.getTenancy().isRequired(),
				traceparent.getIfAvailable(TraceparentProvider::none), Clock.systemUTC());
	}

	private static URI source(EventsProperties properties, Environment environment) {
		String source = (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name", "application");
		return URI.create(source);
	}

	/**
	 * The template events are sent with: a non-transactional producer with the application's
	 * producer configuration ({@code spring.kafka.producer.*}), String keys and byte array values,
	 * and, unless configured otherwise there, {@code acks=all}, idempotence, a short
	 * {@code max.block.ms} and no delivery deadline
	 * ({@link EventsKafkaClients#RELAY_PRODUCER_DEFAULTS}); observed when
	 * {@code spring.kafka.template.observation-enabled} is on.
	 */
	@Bean(KAFKA_TEMPLATE_BEAN_NAME)
	@ConditionalOnMissingBean(name = KAFKA_TEMPLATE_BEAN_NAME)
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	KafkaTemplate<@Nullable String, byte[]> eventsKafkaTemplate(ProducerFactory<?, ?> producerFactory,
			ObjectProvider<KafkaProperties> kafkaProperties,
			ObjectProvider<KafkaTemplateObservationConvention> observationConvention) {
		return EventsKafkaClients.template(producerFactory, StringSerializer.class,
				EventsKafkaClients.RELAY_PRODUCER_DEFAULTS, kafkaProperties, observationConvention);
	}

	@Bean
	@ConditionalOnMissingBean
	EventSender eventSender(@Qualifier(KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<@Nullable String, byte[]> template,
			CloudEventRecordMapper mapper, ObjectProvider<TraceparentProvider> traceparent) {
		return new KafkaEventSender(template, mapper, traceparent.getIfAvailable(TraceparentProvider::none));
	}

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	DirectEventPublisher eventPublisher(OutboundEventFactory factory, EventSender sender,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<EventPublicationListener> listeners) {
		logger.info("Publishing events directly to Kafka: there is no DataSource or events.outbox.enabled=false, "
				+ "so events are not bound to transactions and are not retried after the producer gives up");
		DirectEventPublisher publisher = new DirectEventPublisher(factory, sender,
				EventsObservability.meterRegistry(meterRegistry));
		publisher.setPublicationListeners(listeners.orderedStream().toList());
		return publisher;
	}

	@Bean
	@ConditionalOnMissingBean(name = "eventsTopics")
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	KafkaAdmin.NewTopics eventsTopics(EventsProperties properties) {
		return new EventsTopics(properties.getTopics(), new DeadLetterTopics(properties.getHandlers().getDeadLetterTopic()))
			.toNewTopics();
	}

}
