package dev.events.autoconfigure.health;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

import dev.events.autoconfigure.ConditionalOnEventsTransport;
import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.autoconfigure.EventsDeadLetterAutoConfiguration;
import dev.events.autoconfigure.EventsHandlerAutoConfiguration;
import dev.events.autoconfigure.EventsOutboxAutoConfiguration;
import dev.events.autoconfigure.EventsProperties;
import dev.events.consume.HandlerEndpoints;
import dev.events.consume.HandlerErrorHandlerFactory;
import dev.events.deadletter.DeadLetterMonitor;
import dev.events.health.EventsHealthIndicator;
import dev.events.health.KafkaClusterProbe;
import dev.events.health.OutboxHealthThresholds;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.OutboxRelay;

/**
 * Auto-configuration of the {@code events} health indicator; turn it off with
 * {@code management.health.events.enabled=false}.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, EventsAutoConfiguration.class,
		EventsOutboxAutoConfiguration.class, EventsHandlerAutoConfiguration.class,
		EventsDeadLetterAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnEnabledHealthIndicator("events")
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEventsTransport(EventsProperties.Transport.KAFKA)
	KafkaClusterProbe eventsKafkaClusterProbe(KafkaAdmin kafkaAdmin, EventsProperties properties) {
		EventsProperties.Health.Kafka kafka = properties.getHealth().getKafka();
		return new KafkaClusterProbe(kafkaAdmin.getConfigurationProperties(), kafka.getTimeout(),
				kafka.getCacheDuration(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "eventsHealthIndicator")
	EventsHealthIndicator eventsHealthIndicator(ObjectProvider<KafkaClusterProbe> kafka,
			ObjectProvider<OutboxMonitor> outbox, ObjectProvider<OutboxRelay> relay,
			ObjectProvider<KafkaListenerEndpointRegistry> listeners,
			ObjectProvider<HandlerEndpoints> handlers,
			ObjectProvider<HandlerErrorHandlerFactory> deadLettered, ObjectProvider<DeadLetterMonitor> deadLetters,
			EventsProperties properties) {
		EventsProperties.Health.Outbox limits = properties.getHealth().getOutbox();
		OutboxHealthThresholds thresholds = new OutboxHealthThresholds(limits.getWarningAge(), limits.getCriticalAge(),
				limits.getWarningPending(), limits.getCriticalPending());
		HandlerEndpoints endpoints = handlers.getIfAvailable();
		HandlerErrorHandlerFactory errorHandlers = deadLettered.getIfAvailable();
		OutboxRelay outboxRelay = relay.getIfAvailable();
		KafkaClusterProbe cluster = kafka.getIfAvailable();
		return new EventsHealthIndicator(cluster, outbox.getIfAvailable(),
				(outboxRelay != null) ? outboxRelay::state : () -> null, thresholds,
				(cluster != null) ? listeners.getIfAvailable() : null,
				(endpoints != null) ? endpoints::handlerIds : List::of,
				(errorHandlers != null) ? errorHandlers::deadLetteredCount : () -> 0, deadLetters.getIfAvailable(),
				properties.getHealth().getDeadLetters().isDegraded(), Clock.systemUTC());
	}

}
