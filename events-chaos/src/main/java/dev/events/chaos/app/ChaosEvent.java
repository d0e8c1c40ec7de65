package dev.events.chaos.app;

import dev.events.type.DomainEvent;

/**
 * The event the chaos driver publishes: the {@code n}th event of an instance's plan, the
 * {@code seq}th of its key.
 *
 * @param key the partition key
 * @param seq the position of this event among its key's events, in publish order
 * @param instance the instance that published it
 * @param n the position of this event in the instance's plan
 */
@DomainEvent(type = "dev.events.chaos.ChaosEvent", topic = ChaosEvent.TOPIC, key = "key")
public record ChaosEvent(String key, long seq, String instance, long n) {

	/** The topic chaos events are published to. */
	public static final String TOPIC = "chaos";

	/** Its dead-letter topic, by the starter's default naming. */
	public static final String DEAD_LETTER_TOPIC = TOPIC + ".dlt";

}
