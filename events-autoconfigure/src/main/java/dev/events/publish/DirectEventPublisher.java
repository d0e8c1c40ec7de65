package dev.events.publish;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Publishes events straight to Kafka, without an outbox. Used when there is no
 * {@code DataSource} or the outbox is disabled.
 * <p>
 * The weaker guarantee: an event is sent when {@code publish} is called, whatever becomes of
 * the surrounding transaction, and an event that the broker does not acknowledge is logged,
 * not retried beyond the producer's own retries.
 */
public class DirectEventPublisher extends AbstractEventPublisher {

	private static final Log logger = LogFactory.getLog(DirectEventPublisher.class);

	private final EventSender sender;

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param sender sends them
	 * @param meterRegistry where publications are counted
	 */
	public DirectEventPublisher(OutboundEventFactory factory, EventSender sender, MeterRegistry meterRegistry) {
		super(factory, meterRegistry);
		this.sender = sender;
	}

	@Override
	protected void deliver(OutboundEvent event) {
		this.sender.send(event).whenComplete((result, failure) -> {
			if (failure != null) {
				logger.error("Event %s of type '%s' was not sent to topic '%s'".formatted(event.id(), event.type(),
						event.topic()), failure);
			}
		});
	}

}
