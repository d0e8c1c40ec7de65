package dev.events.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.events.type.EventTypeRegistry;

/**
 * Binds stored event data to the class the type registry names for its CloudEvent type: the
 * store keeps type names, never class names.
 */
final class EventDataReader {

	private final EventTypeRegistry registry;

	private final JsonMapper jsonMapper;

	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	EventDataReader(EventTypeRegistry registry, JsonMapper jsonMapper) {
		this.registry = registry;
		this.jsonMapper = jsonMapper;
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
			return readerFor(eventClass).readValue(data);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Event %d of stream '%s' does not bind to %s: %s".formatted(version,
					stream, eventClass.getName(), ex.getOriginalMessage()), ex);
		}
	}

	private ObjectReader readerFor(Class<?> eventClass) {
		ObjectReader reader = this.readers.get(eventClass);
		return (reader != null) ? reader : this.readers.computeIfAbsent(eventClass, this.jsonMapper::readerFor);
	}

}
