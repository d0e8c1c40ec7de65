package dev.events.autoconfigure.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

import dev.events.autoconfigure.EventsAutoConfiguration;
import dev.events.autoconfigure.EventsDeadLetterAutoConfiguration;
import dev.events.autoconfigure.EventsHandlerAutoConfiguration;
import dev.events.autoconfigure.EventsHandlerPauseAutoConfiguration;
import dev.events.autoconfigure.EventsOutboxAutoConfiguration;
import dev.events.autoconfigure.EventsProperties;
import dev.events.autoconfigure.EventsReplayAutoConfiguration;
import dev.events.consume.HandlerEndpoints;
import dev.events.deadletter.DeadLetterMonitor;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.DeadLetters;
import dev.events.endpoint.ConsumerLag;
import dev.events.endpoint.EventsEndpoint;
import dev.events.endpoint.HandlersReport;
import dev.events.memory.InMemoryEventPublisher;
import dev.events.memory.InMemoryTransport;
import dev.events.outbox.OutboxEventPublisher;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.OutboxRelay;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.ShardLeases;
import dev.events.pause.HandlerPauses;
import dev.events.publish.EventPublisher;
import dev.events.replay.Replays;
import dev.events.type.EventTypeDefinition;
import dev.events.type.EventTypeRegistry;

/**
 * Auto-configuration of the {@code events} actuator endpoint. Like Boot's own endpoints it is
 * not exposed over the web until {@code management.endpoints.web.exposure.include} names it.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, EventsOutboxAutoConfiguration.class,
		EventsHandlerAutoConfiguration.class, EventsDeadLetterAutoConfiguration.class,
		EventsHandlerPauseAutoConfiguration.class, EventsReplayAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnAvailableEndpoint(EventsEndpoint.class)
@EnableConfigurationProperties({ EventsProperties.class, EventsEndpointProperties.class })
public final class EventsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventsEndpoint eventsEndpoint(KafkaAdmin kafkaAdmin, ObjectProvider<HandlerEndpoints> handlers,
			ObjectProvider<KafkaListenerEndpointRegistry> listeners, ObjectProvider<DeadLetters> deadLetters,
			ObjectProvider<DeadLetterStore> deadLetterStore, ObjectProvider<DeadLetterMonitor> deadLetterMonitor,
			ObjectProvider<OutboxStore> outbox, ObjectProvider<OutboxMonitor> outboxMonitor,
			ObjectProvider<OutboxRelay> relay, ObjectProvider<ShardLeases> leases, ObjectProvider<HandlerPauses> pauses,
			ObjectProvider<Replays> replays, ObjectProvider<EventPublisher> publisher, EventTypeRegistry registry,
			ObjectProvider<InMemoryTransport> inMemory, EventsProperties properties,
			EventsEndpointProperties endpoint) {
		HandlerEndpoints endpoints = handlers.getIfAvailable();
		boolean onKafka = inMemory.getIfAvailable() == null;
		HandlerPauses handlerPauses = onKafka ? pauses.getIfAvailable() : null;
		HandlersReport report = new HandlersReport((endpoints != null) ? endpoints.handlers() : null,
				onKafka ? listeners.getIfAvailable() : null,
				onKafka ? new ConsumerLag(kafkaAdmin.getConfigurationProperties(),
						properties.getHealth().getKafka().getTimeout().plus(Duration.ofSeconds(3))) : null,
				deadLetterMonitor.getIfAvailable(), handlerPauses);
		OutboxRelay outboxRelay = relay.getIfAvailable();
		return new EventsEndpoint(report, deadLetters.getIfAvailable(), handlerPauses,
				replays.getIfAvailable(), deadLetterStore.getIfAvailable(),
				outbox.getIfAvailable(), outboxMonitor.getIfAvailable(),
				(outboxRelay != null) ? outboxRelay::state : () -> null, shardOwners(leases.getIfAvailable()),
				publisher(publisher.getIfAvailable(), registry, properties), endpoint.getShowValues(),
				endpoint.getRoles(), Clock.systemUTC());
	}

	private static Supplier<Map<Integer, String>> shardOwners(@Nullable ShardLeases leases) {
		return (leases != null) ? leases::owners : Map::of;
	}

	private static Map<String, Object> publisher(EventPublisher publisher, EventTypeRegistry registry,
			EventsProperties properties) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("mode", (publisher instanceof OutboxEventPublisher) ? "outbox"
				: (publisher instanceof InMemoryEventPublisher) ? "in-memory" : "direct");
		view.put("cloudEvents", properties.getCloudevents().getMode());
		Map<String, String> topics = new LinkedHashMap<>();
		for (EventTypeDefinition<?> definition : registry.definitions()) {
			topics.put(definition.type(), definition.topic());
		}
		view.put("topics", topics);
		return view;
	}

}
