package dev.events.consume;

import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import dev.events.cloudevents.CloudEventExtensions;
import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.context.EventContext;
import dev.events.type.EventJson;
import dev.events.type.EventTypeDefinition;
import dev.events.type.EventTypeRegistry;
import dev.events.type.UnknownEventTypeException;

import static dev.events.consume.UndeliverableEventException.Reason.INVALID_DATA;
import static dev.events.consume.UndeliverableEventException.Reason.MISSING_TENANT;
import static dev.events.consume.UndeliverableEventException.Reason.NOT_A_CLOUDEVENT;
import static dev.events.consume.UndeliverableEventException.Reason.UNKNOWN_TYPE;

/**
 * Turns Kafka records into events a handler can take, or says why a record can never be
 * handled. Classes are only ever found through the {@link EventTypeRegistry}.
 */
final class EventDecoder {

	private final CloudEventRecordMapper mapper;

	private final EventTypeRegistry registry;

	private final EventJson json;

	private final boolean tenantRequired;

	private final UnknownTypePolicy unknownTypes;

	EventDecoder(CloudEventRecordMapper mapper, EventTypeRegistry registry, JsonMapper jsonMapper,
			boolean tenantRequired, UnknownTypePolicy unknownTypes) {
		this.mapper = mapper;
		this.registry = registry;
		this.json = new EventJson(jsonMapper);
		this.tenantRequired = tenantRequired;
		this.unknownTypes = unknownTypes;
	}

	/**
	 * Decode a record.
	 * @param record the record
	 * @return the event, or {@code null} for an unknown type that is to be skipped
	 */
	@Nullable ReceivedEvent decode(ConsumerRecord<?, byte @Nullable []> record) {
		CloudEvent cloudEvent = readCloudEvent(record);
		EventTypeDefinition<?> definition;
		try {
			definition = this.registry.definitionFor(cloudEvent.getType());
		}
		catch (UnknownEventTypeException ex) {
			if (this.unknownTypes == UnknownTypePolicy.SKIP) {
				return null;
			}
			throw new UndeliverableEventException(UNKNOWN_TYPE, ex.getMessage(), ex);
		}
		String correlationId = ReceivedEvent.extension(cloudEvent, CloudEventExtensions.CORRELATION_ID);
		EventContext context = new EventContext(ReceivedEvent.extension(cloudEvent, CloudEventExtensions.TENANT_ID),
				ReceivedEvent.extension(cloudEvent, CloudEventExtensions.ACTOR_ID),
				(correlationId != null) ? correlationId : cloudEvent.getId(), cloudEvent.getId());
		return new ReceivedEvent(record, cloudEvent, definition, context);
	}

	private CloudEvent readCloudEvent(ConsumerRecord<?, byte @Nullable []> record) {
		try {
			return this.mapper.fromRecord(record.headers(), record.value());
		}
		catch (RuntimeException ex) {
			throw new UndeliverableEventException(NOT_A_CLOUDEVENT,
					"Record at %s-%d@%d is not a CloudEvent: %s".formatted(record.topic(), record.partition(),
							record.offset(), ex.getMessage()),
					ex);
		}
	}

	/**
	 * Return the CloudEvent type of a registered event class.
	 * @param eventClass the class
	 * @return its type
	 */
	String typeOf(Class<?> eventClass) {
		return this.registry.definitionFor(eventClass).type();
	}

	/**
	 * Check that the event may be handled here and bind its data to the event class.
	 * @param event a decoded event
	 * @return the payload
	 */
	Object payload(ReceivedEvent event) {
		if (this.tenantRequired && isBlank(event.context().tenantId())) {
			throw new UndeliverableEventException(MISSING_TENANT, "Event %s of type '%s' has no tenant while "
				.formatted(event.id(), event.cloudEvent().getType()) + "events.tenancy.required=true");
		}
		CloudEventData data = event.cloudEvent().getData();
		if (data == null) {
			throw new UndeliverableEventException(INVALID_DATA,
					"Event %s of type '%s' has no data".formatted(event.id(), event.cloudEvent().getType()));
		}
		try {
			return this.json.readerFor(event.definition().eventClass()).readValue(data.toBytes());
		}
		catch (JacksonException ex) {
			throw new UndeliverableEventException(INVALID_DATA, "Data of event %s does not bind to %s: %s".formatted(
					event.id(), event.definition().eventClass().getName(), withoutValues(ex)));
		}
	}

	/**
	 * Describe why data does not bind without quoting any of it, since dead-letter headers and
	 * logs must not carry payload values: where (the field path, or line and column), and what
	 * was expected. Jackson's own message is left out, and so is Jackson's exception as a cause.
	 */
	private static String withoutValues(JacksonException ex) {
		String path = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && !path.isEmpty()) {
			return "'%s' does not take the value given (expected %s)".formatted(path,
					mismatch.getTargetType().getSimpleName());
		}
		if (!path.isEmpty()) {
			return "'%s' does not bind (%s)".formatted(path, ex.getClass().getSimpleName());
		}
		TokenStreamLocation location = ex.getLocation();
		return (location != null)
				? "not valid JSON at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr())
				: "not valid JSON (%s)".formatted(ex.getClass().getSimpleName());
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
