package dev.events.consume;

/**
 * Where a handler keeps the records it gives up on.
 */
public enum DeadLetterDestination {

	/**
	 * The global setting, {@code events.handlers.dead-letters.destination}; without one,
	 * {@link #DATABASE} where handlers have a DataSource and {@link #TOPIC} where they have none.
	 */
	DEFAULT,

	/**
	 * The handler's dead letters in the database, in order per key: while a key has one, later
	 * records of the key wait behind it (unless the handler turns sequencing off).
	 */
	DATABASE,

	/**
	 * The dead-letter topic, for Kafka-side tooling or handlers without a database. Later records
	 * of the key are handled without it.
	 */
	TOPIC,

	/**
	 * Both: the database keeps order, the topic a copy.
	 */
	BOTH;

	boolean toDatabase() {
		return this == DATABASE || this == BOTH;
	}

	boolean toTopic() {
		return this == TOPIC || this == BOTH;
	}

}
