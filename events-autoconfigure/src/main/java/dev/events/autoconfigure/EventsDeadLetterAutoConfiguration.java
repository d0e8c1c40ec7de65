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
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;

import dev.events.consume.HandlerEndpoints;
import dev.events.deadletter.DeadLetterAutoRetry;
import dev.events.deadletter.DeadLetterCleaner;
import dev.events.deadletter.DeadLetterMetrics;
import dev.events.deadletter.DeadLetterMonitor;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.DeadLetters;
import dev.events.deadletter.InMemoryDeadLetterStore;
import dev.events.deadletter.JdbcDeadLetterStore;
import dev.events.jdbc.EventsDatabase;

/**
 * Auto-configuration of handlers' dead letters in a store: in the database when there is an
 * {@link EventsDatabase}, else, on the in-memory transport, in memory.
 */
@AutoConfiguration(after = { EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class,
		EventsHandlerAutoConfiguration.class })
@ConditionalOnClass(EnableKafka.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsDeadLetterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEventsTransport(EventsProperties.Transport.IN_MEMORY)
	DeadLetterStore inMemoryDeadLetterStore() {
		return new InMemoryDeadLetterStore();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ DeadLetterStore.class, HandlerEndpoints.class })
	DeadLetters deadLetters(DeadLetterStore store, HandlerEndpoints handlers) {
		return new DeadLetters(store, handlers.handlers(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DeadLetterStore.class)
	DeadLetterMonitor deadLetterMonitor(DeadLetterStore store, EventsProperties properties) {
		return new DeadLetterMonitor(store, properties.getHealth().getDeadLetters().getCacheDuration(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ DeadLetterMonitor.class, HandlerEndpoints.class })
	DeadLetterMetrics deadLetterMetrics(DeadLetterMonitor monitor, HandlerEndpoints handlers,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new DeadLetterMetrics(monitor, handlers.handlers(), EventsObservability.meterRegistry(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DeadLetters.class)
	@ConditionalOnBooleanProperty("events.handlers.dead-letters.auto-retry.enabled")
	DeadLetterAutoRetry deadLetterAutoRetry(DeadLetters deadLetters, DeadLetterStore store,
			HandlerEndpoints handlers, EventsProperties properties) {
		EventsProperties.AutoRetry settings = properties.getHandlers().getDeadLetters().getAutoRetry();
		return new DeadLetterAutoRetry(deadLetters, store, handlers.handlers(), settings.getInitialBackoff(),
				settings.getMaxBackoff(), settings.getInterval(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DeadLetterStore.class)
	DeadLetterCleaner deadLetterCleaner(DeadLetterStore store, EventsProperties properties) {
		EventsProperties.DeadLetters settings = properties.getHandlers().getDeadLetters();
		return new DeadLetterCleaner(store, settings.getRetention(), settings.getCleanupInterval(), Clock.systemUTC());
	}

	/**
	 * Dead letters in the database. A member class, so that its store is there before the
	 * in-memory one is considered.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcClient.class)
	@ConditionalOnBean(EventsDatabase.class)
	static class InTheDatabase {

		@Bean
		@ConditionalOnMissingBean
		DeadLetterStore deadLetterStore(EventsDatabase database) {
			return new JdbcDeadLetterStore(database.dataSource(), database.dialect());
		}

	}

}
