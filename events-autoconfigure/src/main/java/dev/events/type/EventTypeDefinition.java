package dev.events.type;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@code events} knows about one event class: its CloudEvent type, its topic and how to
 * find its partition key.
 *
 * @param type the CloudEvent {@code type}
 * @param topic the Kafka topic
 * @param eventClass the Java class of the event
 * @param keyResolver resolves the partition key of an event
 * @param aliases former CloudEvent types still read as the class
 * @param <T> the event class
 */
public record EventTypeDefinition<T>(String type, String topic, Class<T> eventClass,
		PartitionKeyResolver<? super T> keyResolver, List<String> aliases) {

	public EventTypeDefinition {
		Assert.hasText(type, "type must not be empty");
		Assert.hasText(topic, () -> "topic of event type '" + type + "' must not be empty");
		Assert.notNull(eventClass, "eventClass must not be null");
		Assert.notNull(keyResolver, "keyResolver must not be null");
		Assert.noNullElements(aliases, () -> "aliases of event type '" + type + "' must not be null");
		aliases = List.copyOf(aliases);
	}

	/**
	 * Describe an event type without former names.
	 * @param type the CloudEvent {@code type}
	 * @param topic the Kafka topic
	 * @param eventClass the Java class of the event
	 * @param keyResolver resolves the partition key of an event
	 */
	public EventTypeDefinition(String type, String topic, Class<T> eventClass,
			PartitionKeyResolver<? super T> keyResolver) {
		this(type, topic, eventClass, keyResolver, List.of());
	}

	/**
	 * Return the partition key of the given event.
	 * @param event an instance of {@link #eventClass()}
	 * @return the key, or {@code null} when the event has none
	 */
	public @Nullable String keyOf(Object event) {
		return this.keyResolver.keyOf(this.eventClass.cast(event));
	}

}
