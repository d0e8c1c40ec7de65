package dev.events.publish;

import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.events.context.EventContext;

/**
 * Publishes events straight to Kafka, without an outbox. Used when there is no
 * {@code DataSource} or the outbox is disabled.
 * <p>
 * The weaker guarantee: an event is sent when {@code publish} is called, whatever becomes of
 * the surrounding transaction, and an event that the broker does not acknowledge is logged,
 * not retried beyond the producer's own retries.
 */
public class DirectEventPublisher implements EventPublisher {

	private static final Log logger = LogFactory.getLog(DirectEventPublisher.class);

	private final OutboundEventFactory factory;

	private final EventSender sender;

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param sender sends them
	 */
	public DirectEventPublisher(OutboundEventFactory factory, EventSender sender) {
		this.factory = factory;
		this.sender = sender;
	}

	@Override
	public UUID publish(Object event, EventContext context) {
		OutboundEvent outbound = this.factory.create(event, context);
		this.sender.send(outbound).whenComplete((result, failure) -> {
			if (failure != null) {
				logger.error("Event %s of type '%s' was not sent to topic '%s'".formatted(outbound.id(), outbound.type(),
						outbound.topic()), failure);
			}
		});
		return outbound.id();
	}

}
