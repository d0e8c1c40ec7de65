package dev.events.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.EventsDatabase;
import dev.events.outbox.JdbcOutboxStore;
import dev.events.outbox.JdbcShardLeases;
import dev.events.outbox.OutboxEventPublisher;
import dev.events.outbox.OutboxMetrics;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.OutboxRelay;
import dev.events.outbox.OutboxRelaySettings;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.ShardLeases;
import dev.events.publish.EventPublicationListener;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEventFactory;

/**
 * Auto-configuration of the transactional outbox: applies when there is an
 * {@link EventsDatabase} and {@code events.outbox.enabled} is not {@code false}.
 */
@AutoConfiguration(after = { EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(EventsDatabase.class)
@ConditionalOnBooleanProperty(name = "events.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsOutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OutboxStore outboxStore(EventsDatabase database, EventsProperties properties) {
		EventsProperties.Outbox outbox = properties.getOutbox();
		return new JdbcOutboxStore(database.dataSource(), database.dialect(), outbox.getShards(),
				!outbox.getRetention().isZero(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "events.outbox.relay.enabled", matchIfMissing = true)
	ShardLeases outboxShardLeases(EventsDatabase database, EventsInstance instance, EventsProperties properties) {
		return new JdbcShardLeases(database.dataSource(), database.dialect(), instance.id(),
				properties.getOutbox().getShards(), properties.getOutbox().getRelay().getLeaseDuration());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "events.outbox.relay.enabled", matchIfMissing = true)
	OutboxRelay outboxRelay(OutboxStore store, ShardLeases leases, EventSender sender, EventsProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		EventsProperties.Outbox outbox = properties.getOutbox();
		EventsProperties.Relay relay = outbox.getRelay();
		OutboxRelaySettings settings = new OutboxRelaySettings(relay.getBatchSize(), relay.getPollInterval(),
				relay.getLeaseDuration(), relay.getLeaseRefreshInterval(), relay.getMaxAttempts(),
				relay.getInitialBackoff(), relay.getMaxBackoff(), outbox.getRetention(), outbox.getCleanupInterval(),
				outbox.getCleanupBatchSize());
		return new OutboxRelay(store, leases, sender, settings, Clock.systemUTC(),
				EventsObservability.meterRegistry(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean(dev.events.publish.EventPublisher.class)
	OutboxEventPublisher eventPublisher(OutboundEventFactory factory, OutboxStore store,
			ObjectProvider<OutboxRelay> relay, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<EventPublicationListener> listeners) {
		OutboxRelay localRelay = relay.getIfAvailable();
		Runnable wakeUp = (localRelay != null) ? localRelay::wakeUp : () -> {
		};
		OutboxEventPublisher publisher = new OutboxEventPublisher(factory, store, wakeUp,
				EventsObservability.meterRegistry(meterRegistry));
		publisher.setPublicationListeners(listeners.orderedStream().toList());
		return publisher;
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxMonitor outboxMonitor(OutboxStore store, EventsProperties properties) {
		return new OutboxMonitor(store, properties.getOutbox().getBacklogRefreshInterval(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxMetrics outboxMetrics(OutboxMonitor monitor) {
		return new OutboxMetrics(monitor);
	}

}
