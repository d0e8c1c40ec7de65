package dev.events.outbox;

import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.context.EventContext;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;

/**
 * Publishes events through the transactional outbox: the event is stored in the caller's
 * transaction and the relay is woken once that transaction commits.
 */
public class OutboxEventPublisher implements EventPublisher {

	private final OutboundEventFactory factory;

	private final OutboxStore store;

	private final Runnable relayWakeUp;

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param store stores them
	 * @param relayWakeUp tells the relay that new events are committed
	 */
	public OutboxEventPublisher(OutboundEventFactory factory, OutboxStore store, Runnable relayWakeUp) {
		this.factory = factory;
		this.store = store;
		this.relayWakeUp = relayWakeUp;
	}

	@Override
	public UUID publish(Object event, EventContext context) {
		OutboundEvent outbound = this.factory.create(event, context);
		this.store.append(outbound);
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
		return outbound.id();
	}

}
