package dev.events.consume;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The registered {@link EventHandler} methods by id, for handling their dead letters again.
 */
public final class EventHandlers {

	private final Map<String, EventHandlerListener> listeners = new ConcurrentHashMap<>();

	private final TransactionOperations transactions;

	EventHandlers(TransactionOperations transactions) {
		this.transactions = transactions;
	}

	void register(String handlerId, EventHandlerListener listener) {
		this.listeners.put(handlerId, listener);
	}

	/**
	 * Return the ids of the registered handlers, which are also their listener container ids.
	 * @return the handler ids, in order
	 */
	public List<String> ids() {
		return this.listeners.keySet().stream().sorted().toList();
	}

	/**
	 * Return whether a handler with that id is registered.
	 * @param handlerId the handler id
	 * @return whether it is
	 */
	public boolean has(String handlerId) {
		return this.listeners.containsKey(handlerId);
	}

	/**
	 * Describe the registered handlers, ordered by id.
	 * @return the descriptions
	 */
	public List<HandlerDescription> describe() {
		return this.listeners.values()
			.stream()
			.map(EventHandlerListener::describe)
			.sorted(Comparator.comparing(HandlerDescription::id))
			.toList();
	}

	/**
	 * Return the transactions handlers run in: a retry of a dead letter handles it and deletes it
	 * in one of them.
	 * @return the handlers' transactions
	 */
	public TransactionOperations transactions() {
		return this.transactions;
	}

	/**
	 * Handle a record again with its handler, in the caller's transaction, through the inbox: an
	 * event the handler has seen is skipped.
	 * @param handlerId the handler
	 * @param record the record
	 * @throws Exception what the handler, or decoding the record, failed with
	 * @throws IllegalArgumentException if no handler has that id
	 */
	public void handleAgain(String handlerId, ConsumerRecord<byte[], byte[]> record) throws Exception {
		EventHandlerListener listener = this.listeners.get(handlerId);
		if (listener == null) {
			throw new IllegalArgumentException("No event handler has the id '%s'; handlers: %s"
				.formatted(handlerId, this.listeners.keySet()));
		}
		listener.handleAgain(record);
	}

}
