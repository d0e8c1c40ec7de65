package dev.events.publish;

import java.util.concurrent.CompletableFuture;

/**
 * Sends outbound events to the broker. The transport behind both the outbox relay and direct
 * publishing.
 */
@FunctionalInterface
public interface EventSender {

	/**
	 * Send an event without waiting for the broker.
	 * @param event the event to send
	 * @return completes when the broker has acknowledged the event, or exceptionally when it
	 * could not be sent
	 */
	CompletableFuture<?> send(OutboundEvent event);

}
