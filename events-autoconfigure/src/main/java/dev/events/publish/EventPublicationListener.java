package dev.events.publish;

/**
 * Told of each event an {@link EventPublisher} publishes, on the publishing thread, inside the
 * publisher's transaction if there is one (register a transaction synchronization to act on its
 * outcome), just before the event is stored in the outbox or sent: so before any handler can see
 * it. A listener that throws fails the publication, and nothing is published; when storing or
 * sending fails after it was told, {@code publish} throws. Declare it as a bean; test support
 * uses it to capture what a test published.
 */
@FunctionalInterface
public interface EventPublicationListener {

	/**
	 * Called for each event published.
	 * @param event the event object as published
	 * @param outbound the event as it leaves: its id, CloudEvent attributes and context
	 */
	void published(Object event, OutboundEvent outbound);

}
