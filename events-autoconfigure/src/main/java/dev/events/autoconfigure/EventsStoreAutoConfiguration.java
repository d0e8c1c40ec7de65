package dev.events.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import dev.events.jdbc.EventsDatabase;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEventFactory;
import dev.events.publish.OutboundEventPublisher;
import dev.events.store.AggregateRepositories;
import dev.events.store.EventStore;
import dev.events.store.EventUpcaster;
import dev.events.store.JdbcEventStore;
import dev.events.store.UnpublishedEvents;
import dev.events.type.EventTypeRegistry;

/**
 * Auto-configuration of the {@link EventStore} and the repositories of event-sourced aggregates:
 * applies when there is an {@link EventsDatabase}.
 * Its appends publish through the application's {@link EventPublisher}, so through the outbox
 * where there is one.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, EventsJdbcAutoConfiguration.class,
		EventsFlywayAutoConfiguration.class, EventsOutboxAutoConfiguration.class, EventsMemoryAutoConfiguration.class })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean({ EventsDatabase.class, EventPublisher.class })
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EventStore.class)
	JdbcEventStore eventStore(EventsDatabase database, EventPublisher publisher, OutboundEventFactory factory,
			EventTypeRegistry registry, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<PlatformTransactionManager> transactionManagers, ListableBeanFactory beanFactory,
			ObjectProvider<EventUpcaster> upcasters, EventsProperties properties) {
		PlatformTransactionManager transactionManager = EventsTransactionManager.choose(database, transactionManagers,
				beanFactory.getBeansOfType(PlatformTransactionManager.class),
				properties.getJdbc().getTransactionManager());
		JdbcEventStore store = new JdbcEventStore(database, transactionManager, factory, outboundPublisher(publisher),
				registry, jsonMapper.getIfAvailable(JsonMapper::shared), properties.getStore().getReadPageSize(),
				properties.getTenancy().isRequired());
		store.setUpcasters(upcasters.orderedStream().toList());
		store.setUnpublished(new UnpublishedEvents(properties.getStore().getUnpublishedTypes(),
				properties.getStore().getUnpublishedCategories()));
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	AggregateRepositories aggregateRepositories(EventStore store, EventsDatabase database,
			ObjectProvider<JsonMapper> jsonMapper, EventsProperties properties) {
		return new AggregateRepositories(store, database, jsonMapper.getIfAvailable(JsonMapper::shared),
				Clock.systemUTC(), properties.getTenancy().isRequired());
	}

	private static OutboundEventPublisher outboundPublisher(EventPublisher publisher) {
		if (publisher instanceof OutboundEventPublisher outbound) {
			return outbound;
		}
		throw new IllegalStateException(("The event store publishes the events it stores with their ids, through an "
				+ "EventPublisher that is also an OutboundEventPublisher; the application's %s is not: extend "
				+ "AbstractEventPublisher, or define an EventStore bean of your own")
			.formatted(publisher.getClass().getName()));
	}

}
