package dev.events.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;

import dev.events.consume.EventHandlerEndpointConfigurer;
import dev.events.consume.HandlerEndpoints;
import dev.events.consume.IdleHandlerReplays;
import dev.events.inbox.InboxStore;
import dev.events.jdbc.EventsDatabase;
import dev.events.replay.JdbcReplayStore;
import dev.events.replay.PartitionReplayer;
import dev.events.replay.ReplayFollower;
import dev.events.replay.ReplayStore;
import dev.events.replay.Replays;

/**
 * Auto-configuration of cluster-wide handler replays: applies when there is an
 * {@link EventsDatabase} to keep the requests in.
 */
@AutoConfiguration(after = { EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class,
		EventsInboxAutoConfiguration.class, EventsHandlerAutoConfiguration.class })
@ConditionalOnClass({ JdbcClient.class, EnableKafka.class })
@ConditionalOnBean(EventsDatabase.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsReplayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReplayStore replayStore(EventsDatabase database) {
		return new JdbcReplayStore(database.dataSource(), database.dialect());
	}

	@Bean
	@ConditionalOnMissingBean
	PartitionReplayer partitionReplayer(ReplayStore store, EventsInstance instance, EventsProperties properties) {
		return new PartitionReplayer(store, instance.id(), properties.getHandlers().getPauseCheckInterval(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventHandlerEndpointConfigurer.class)
	ReplayFollower replayFollower(ReplayStore store, PartitionReplayer replayer,
			HandlerEndpoints endpoints, EventsProperties properties) {
		EventsProperties.Handlers handlers = properties.getHandlers();
		return new ReplayFollower(store, replayer, endpoints::handlerIds, handlers.getPauseCheckInterval(),
				handlers.getReplay().getRetention(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventHandlerEndpointConfigurer.class)
	IdleHandlerReplays idleHandlerReplays(PartitionReplayer replayer, HandlerEndpoints handlers) {
		return new IdleHandlerReplays(replayer, handlers.handlers());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventHandlerEndpointConfigurer.class)
	Replays replays(ReplayStore store, ObjectProvider<InboxStore> inbox, HandlerEndpoints handlers,
			EventsProperties properties) {
		return new Replays(store, inbox.getIfAvailable(), properties.getHandlers().getInbox().getRetention(),
				handlers.handlers()::has, handlers.handlers().transactions(), Clock.systemUTC());
	}

}
