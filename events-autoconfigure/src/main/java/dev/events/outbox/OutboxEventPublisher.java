package dev.events.outbox;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.publish.AbstractEventPublisher;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;

/**
 * Publishes events through the transactional outbox: the event is stored in the caller's
 * transaction and the relay is woken once that transaction commits.
 */
public class OutboxEventPublisher extends AbstractEventPublisher {

	private final OutboxStore store;

	private final Runnable relayWakeUp;

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param store stores them
	 * @param relayWakeUp tells the relay that new events are committed
	 * @param meterRegistry where publications are counted
	 */
	public OutboxEventPublisher(OutboundEventFactory factory, OutboxStore store, Runnable relayWakeUp,
			MeterRegistry meterRegistry) {
		super(factory, meterRegistry);
		this.store = store;
		this.relayWakeUp = relayWakeUp;
	}

	@Override
	protected void deliver(OutboundEvent event) {
		this.store.append(event);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					OutboxEventPublisher.this.relayWakeUp.run();
				}
			});
		}
		else {
			this.relayWakeUp.run();
		}
	}

}
