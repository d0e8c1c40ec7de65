package dev.events.type;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event data as JSON through one {@link JsonMapper}, with the reader and the writer of each event
 * class looked up once rather than per event.
 */
public final class EventJson {

	private final JsonMapper jsonMapper;

	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

	/**
	 * Read and write event data with a mapper.
	 * @param jsonMapper the mapper
	 */
	public EventJson(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the mapper, for what is not bound to an event class, such as a tree.
	 * @return the mapper
	 */
	public JsonMapper mapper() {
		return this.jsonMapper;
	}

	/**
	 * Return the reader of an event class.
	 * @param eventClass the class
	 * @return its reader
	 */
	public ObjectReader readerFor(Class<?> eventClass) {
		ObjectReader reader = this.readers.get(eventClass);
		return (reader != null) ? reader : this.readers.computeIfAbsent(eventClass, this.jsonMapper::readerFor);
	}

	/**
	 * Return the writer of an event class.
	 * @param eventClass the class
	 * @return its writer
	 */
	public ObjectWriter writerFor(Class<?> eventClass) {
		ObjectWriter writer = this.writers.get(eventClass);
		return (writer != null) ? writer : this.writers.computeIfAbsent(eventClass, this.jsonMapper::writerFor);
	}

}
