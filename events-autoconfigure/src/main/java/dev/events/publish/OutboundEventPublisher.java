package dev.events.publish;

/**
 * Publishes events made beforehand by the {@link OutboundEventFactory}, for callers that keep the
 * event as well and must publish it with the same id, such as the event store: with an outbox,
 * inside the caller's transaction, as {@link EventPublisher} does.
 */
public interface OutboundEventPublisher {

	/**
	 * Publish an event made beforehand.
	 * @param event the event object it was made from, for the listeners told of publications
	 * @param outbound the event as it leaves the application
	 */
	void publish(Object event, OutboundEvent outbound);

}
