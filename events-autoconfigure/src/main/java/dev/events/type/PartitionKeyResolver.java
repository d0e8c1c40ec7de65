package dev.events.type;

import org.jspecify.annotations.Nullable;

/**
 * Finds the partition key of an event. Events with the same key keep their publish order.
 *
 * @param <T> the event class
 */
@FunctionalInterface
public interface PartitionKeyResolver<T> {

	/**
	 * A resolver for events that have no key.
	 * @param <T> the event class
	 * @return a resolver that always returns {@code null}
	 */
	static <T> PartitionKeyResolver<T> none() {
		return (event) -> null;
	}

	/**
	 * Return the partition key of the given event.
	 * @param event the event
	 * @return the key, or {@code null} when the event has none
	 */
	@Nullable String keyOf(T event);

}
