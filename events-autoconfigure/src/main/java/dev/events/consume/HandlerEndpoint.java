package dev.events.consume;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One {@link EventHandler} method as a transport sees it: the topics it reads, how it handles the
 * records a transport delivers, and how it retries one that failed.
 */
public final class HandlerEndpoint {

	private final EventHandlerMethod handler;

	private final EventHandlerListener listener;

	private final HandlerRetries retries;

	HandlerEndpoint(EventHandlerMethod handler, EventHandlerListener listener, HandlerRetries retries) {
		this.handler = handler;
		this.listener = listener;
		this.retries = retries;
	}

	/**
	 * Return the handler's id, also its consumer group on Kafka.
	 * @return the id
	 */
	public String id() {
		return this.handler.id();
	}

	/**
	 * Return the topics of the handler's event types.
	 * @return the topics
	 */
	public Set<String> topics() {
		return this.handler.topics();
	}

	/**
	 * Handle records of the handler's topics, in order, in one transaction with their inbox rows
	 * where the handler allows it. The records before one that fails are handled.
	 * @param records the records, in order per partition
	 * @throws org.springframework.kafka.listener.BatchListenerFailedException naming the record
	 * that failed, which and those after it are not handled
	 */
	public void handle(List<ConsumerRecord<byte[], byte[]>> records) {
		this.listener.onRecords(records);
	}

	/**
	 * Return how the handler retries a failed record and what it does when it gives up.
	 * @return the handler's retries
	 */
	public HandlerRetries retries() {
		return this.retries;
	}

	EventHandlerMethod method() {
		return this.handler;
	}

	EventHandlerListener listener() {
		return this.listener;
	}

}
