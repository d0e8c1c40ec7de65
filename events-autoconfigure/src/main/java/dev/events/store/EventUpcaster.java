package dev.events.store;

import tools.jackson.databind.JsonNode;

/**
 * Rewrites the stored data of events whose class changed since they were appended, so that the
 * class as it is now reads them: a field renamed, split or given a default. Declare one as a
 * bean; the store applies those that take an event's CloudEvent type in their order, before the
 * data is bound. Events renamed as a whole keep their former type in
 * {@link dev.events.type.DomainEvent#aliases()}.
 */
public interface EventUpcaster {

	/**
	 * Return whether this upcaster rewrites events of a CloudEvent type.
	 * @param type the type the event was stored under, which may be a former one
	 * @return whether to call {@link #upcast}
	 */
	boolean upcasts(String type);

	/**
	 * Rewrite an event's data.
	 * @param type the type the event was stored under
	 * @param data its data, as stored or as the previous upcaster left it
	 * @return the data the event's class reads now
	 */
	JsonNode upcast(String type, JsonNode data);

}
