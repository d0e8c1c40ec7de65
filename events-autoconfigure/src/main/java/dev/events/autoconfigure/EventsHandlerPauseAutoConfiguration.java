package dev.events.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.events.consume.EventHandlerEndpointConfigurer;
import dev.events.consume.HandlerEndpoints;
import dev.events.jdbc.EventsDatabase;
import dev.events.pause.HandlerPauseFollower;
import dev.events.pause.HandlerPauses;
import dev.events.pause.JdbcHandlerPauses;

/**
 * Auto-configuration of cluster-wide handler pauses: applies when there is an
 * {@link EventsDatabase} and handlers.
 */
@AutoConfiguration(after = { EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class,
		EventsHandlerAutoConfiguration.class })
@ConditionalOnClass({ JdbcClient.class, EnableKafka.class })
@ConditionalOnBean(EventsDatabase.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsHandlerPauseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HandlerPauses handlerPauses(EventsDatabase database) {
		return new JdbcHandlerPauses(database.dataSource(), database.dialect());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventHandlerEndpointConfigurer.class)
	HandlerPauseFollower handlerPauseFollower(HandlerPauses pauses, KafkaListenerEndpointRegistry listeners,
			HandlerEndpoints handlers, EventsInstance instance, EventsProperties properties) {
		return new HandlerPauseFollower(pauses, listeners, handlers::handlerIds, instance.id(),
				properties.getHandlers().getPauseCheckInterval(), Clock.systemUTC());
	}

}
