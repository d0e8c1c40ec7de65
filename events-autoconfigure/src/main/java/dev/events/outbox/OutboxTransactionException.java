package dev.events.outbox;

/**
 * Thrown when an event is published inside a transaction that does not include the events
 * DataSource: the outbox row would commit on its own and the event be sent even if that
 * transaction rolls back.
 */
public class OutboxTransactionException extends IllegalStateException {

	/**
	 * Create an exception for an event type.
	 * @param eventType the CloudEvent type of the refused event
	 */
	public OutboxTransactionException(String eventType) {
		super(("Cannot publish an event of type '%s' here: a transaction is active, but its transaction manager "
				+ "does not manage the events DataSource (a KafkaTransactionManager, or the manager of another "
				+ "DataSource), so the event would be stored on its own and sent even if the transaction rolls back. "
				+ "Publish inside a transaction of a manager of the events DataSource (a JdbcTransactionManager or "
				+ "JpaTransactionManager on it): name it with @Transactional(transactionManager = \"...\") or make it "
				+ "@Primary").formatted(eventType));
	}

}
