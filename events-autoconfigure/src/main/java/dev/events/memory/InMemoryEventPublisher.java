package dev.events.memory;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.publish.AbstractEventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;

/**
 * Publishes events to the {@link InMemoryTransport} without an outbox: inside a transaction once
 * it commits, in publish order, and never when it rolls back; outside one at once.
 */
public class InMemoryEventPublisher extends AbstractEventPublisher {

	private final EventSender sender;

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param sender sends them to the in-memory transport
	 * @param meterRegistry where publications are counted
	 */
	public InMemoryEventPublisher(OutboundEventFactory factory, EventSender sender, MeterRegistry meterRegistry) {
		super(factory, meterRegistry);
		this.sender = sender;
	}

	@Override
	protected void deliver(OutboundEvent event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.sender.send(event).join();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				InMemoryEventPublisher.this.sender.send(event).join();
			}
		});
	}

}
