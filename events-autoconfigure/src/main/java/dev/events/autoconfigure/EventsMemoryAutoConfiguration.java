package dev.events.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.consume.DeadLetterTopics;
import dev.events.consume.HandlerEndpoints;
import dev.events.memory.InMemoryEventPublisher;
import dev.events.memory.InMemoryEventSender;
import dev.events.memory.InMemoryTransport;
import dev.events.publish.EventPublicationListener;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEventFactory;

/**
 * Auto-configuration of the in-memory transport ({@code events.transport=in-memory}): events go
 * to the application's own handlers without a broker. With an outbox, its relay sends to the
 * handlers; without one, events go to them once their transaction commits.
 */
@AutoConfiguration(after = EventsOutboxAutoConfiguration.class,
		before = { EventsAutoConfiguration.class, EventsHandlerAutoConfiguration.class })
@ConditionalOnEventsTransport(EventsProperties.Transport.IN_MEMORY)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsMemoryAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EventsMemoryAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	InMemoryTransport inMemoryTransport(ObjectProvider<HandlerEndpoints> endpoints, EventsProperties properties) {
		return new InMemoryTransport(() -> {
			HandlerEndpoints handlers = endpoints.getIfAvailable();
			return (handlers != null) ? handlers.resolve() : List.of();
		}, new DeadLetterTopics(properties.getHandlers().getDeadLetterTopic()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	EventSender eventSender(InMemoryTransport transport, CloudEventRecordMapper mapper) {
		return new InMemoryEventSender(transport, mapper);
	}

	@Bean
	@ConditionalOnMissingBean(EventPublisher.class)
	InMemoryEventPublisher eventPublisher(OutboundEventFactory factory, EventSender sender,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<EventPublicationListener> listeners) {
		logger.info("Publishing events in memory to the application's own handlers (events.transport=in-memory), "
				+ "once their transaction commits: without an outbox, what is not handled when the application "
				+ "stops is lost");
		InMemoryEventPublisher publisher = new InMemoryEventPublisher(factory, sender,
				EventsObservability.meterRegistry(meterRegistry));
		publisher.setPublicationListeners(listeners.orderedStream().toList());
		return publisher;
	}

}
