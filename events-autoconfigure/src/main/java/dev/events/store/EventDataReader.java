package dev.events.store;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.events.type.EventJson;
import dev.events.type.EventTypeRegistry;

/**
 * Binds stored event data to the class the type registry names for its CloudEvent type (the
 * store keeps type names, never class names), through the {@link EventUpcaster upcasters} that
 * take its type.
 */
final class EventDataReader {

	private final EventTypeRegistry registry;

	private final EventJson json;

	private List<EventUpcaster> upcasters = List.of();

	EventDataReader(EventTypeRegistry registry, JsonMapper jsonMapper) {
		this.registry = registry;
		this.json = new EventJson(jsonMapper);
	}

	/**
	 * Set the upcasters that rewrite stored data before it is bound.
	 * @param upcasters the upcasters, in the order they apply
	 */
	void setUpcasters(List<EventUpcaster> upcasters) {
		this.upcasters = List.copyOf(upcasters);
	}

	/**
	 * Bind an event's data.
	 * @param stream the stream it was read from, for errors
	 * @param version its version there, for errors
	 * @param type its CloudEvent type
	 * @param data its JSON data
	 * @return the event
	 * @throws dev.events.type.UnknownEventTypeException if no class is registered for the type
	 * @throws IllegalStateException if the data does not bind to the class
	 */
	Object read(String stream, long version, String type, byte[] data) {
		Class<?> eventClass = this.registry.definitionFor(type).eventClass();
		try {
			List<EventUpcaster> applicable = this.upcasters.stream()
				.filter((upcaster) -> upcaster.upcasts(type))
				.toList();
			if (applicable.isEmpty()) {
				return this.json.readerFor(eventClass).readValue(data);
			}
			JsonNode tree = this.json.mapper().readTree(data);
			for (EventUpcaster upcaster : applicable) {
				tree = upcaster.upcast(type, tree);
			}
			return this.json.readerFor(eventClass).readValue(tree);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Event %d of stream '%s' does not bind to %s: %s".formatted(version,
					stream, eventClass.getName(), ex.getOriginalMessage()), ex);
		}
	}

}
