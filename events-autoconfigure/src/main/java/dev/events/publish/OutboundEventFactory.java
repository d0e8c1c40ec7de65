package dev.events.publish;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.type.EventJson;
import dev.events.type.EventTypeDefinition;
import dev.events.type.EventTypeRegistry;

/**
 * Turns a domain event into an {@link OutboundEvent}: looks up its type, merges the explicit
 * context with the current one, checks the tenant and serializes the event to JSON.
 */
public class OutboundEventFactory {

	private static final String JSON = "application/json";

	private final EventTypeRegistry registry;

	private final EventJson json;

	private final URI source;

	private final boolean tenantRequired;

	private final TraceparentProvider traceparent;

	private final Clock clock;

	private final TimeOrderedUuidGenerator ids;

	/**
	 * Create a factory.
	 * @param registry the event types
	 * @param jsonMapper serializes event data
	 * @param source the CloudEvent source of every event
	 * @param tenantRequired whether an event without a tenant is refused
	 * @param traceparent supplies the W3C trace context of the current trace, if any
	 * @param clock the clock for event times and ids
	 */
	public OutboundEventFactory(EventTypeRegistry registry, JsonMapper jsonMapper, URI source, boolean tenantRequired,
			TraceparentProvider traceparent, Clock clock) {
		this.registry = registry;
		this.json = new EventJson(jsonMapper);
		this.source = source;
		this.tenantRequired = tenantRequired;
		this.traceparent = traceparent;
		this.clock = clock;
		this.ids = new TimeOrderedUuidGenerator(clock);
	}

	/**
	 * Create the outbound form of an event.
	 * @param event the domain event
	 * @param explicitContext values that take precedence over the current context
	 * @return the outbound event
	 * @throws dev.events.type.UnknownEventTypeException if the event class is not registered
	 * @throws MissingTenantException if a tenant is required and none is known
	 */
	public OutboundEvent create(Object event, EventContext explicitContext) {
		EventTypeDefinition<?> definition = this.registry.definitionFor(event.getClass());
		EventContext context = explicitContext.orElse(EventContextHolder.current());
		if (this.tenantRequired && (context.tenantId() == null || context.tenantId().isBlank())) {
			throw new MissingTenantException(definition.type());
		}
		UUID id = this.ids.next();
		String correlationId = (context.correlationId() != null) ? context.correlationId() : id.toString();
		byte[] data = this.json.writerFor(event.getClass()).writeValueAsBytes(event);
		return new OutboundEvent(id, definition.type(), this.source,
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), definition.topic(),
				definition.keyOf(event), context.tenantId(), context.actorId(), correlationId, context.causationId(),
				this.traceparent.currentTraceparent(), JSON, data);
	}

}
