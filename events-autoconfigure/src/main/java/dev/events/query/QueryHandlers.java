package dev.events.query;

import dev.events.dispatch.MessageHandlers;

/**
 * The {@link QueryHandler} methods of the application, found on its beans as they are created.
 */
public class QueryHandlers extends MessageHandlers {

	/**
	 * Create the collection, empty until beans are created.
	 */
	public QueryHandlers() {
		super(QueryHandler.class, "query", true);
	}

}
