package dev.events.memory;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.publish.AbstractEventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;

/**
 * Publishes events to the {@link InMemoryTransport} without an outbox: inside a transaction once
 * it commits, all of the transaction's events in the order they were published, and never when
 * it rolls back; outside one, and while a transaction completes, at once.
 * <p>
 * Without an outbox, the events of one key published by transactions that commit at nearly the
 * same time go in the order their transactions finish committing, which may differ from the
 * order the database committed them in; the outbox keeps the database's order.
 */
public class InMemoryEventPublisher extends AbstractEventPublisher {

	private static final Log logger = LogFactory.getLog(InMemoryEventPublisher.class);

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
		TransactionEvents events = transactionEvents();
		if (events == null) {
			this.sender.send(event).join();
			return;
		}
		events.add(event);
	}

	/**
	 * Return the events of the current transaction, registering them on its first event; none
	 * outside a transaction, and none once it is completing (a synchronization registered then
	 * would never run).
	 */
	private @Nullable TransactionEvents transactionEvents() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		TransactionEvents events = (TransactionEvents) TransactionSynchronizationManager.getResource(this);
		if (events == null) {
			events = new TransactionEvents();
			TransactionSynchronizationManager.bindResource(this, events);
			TransactionSynchronizationManager.registerSynchronization(events);
		}
		return events.completing ? null : events;
	}

	/**
	 * The events a transaction published, sent once it commits.
	 */
	private final class TransactionEvents implements TransactionSynchronization {

		private final List<OutboundEvent> events = new ArrayList<>();

		private boolean completing;

		void add(OutboundEvent event) {
			this.events.add(event);
		}

		@Override
		public void afterCommit() {
			this.completing = true;
			for (OutboundEvent event : this.events) {
				try {
					InMemoryEventPublisher.this.sender.send(event).join();
				}
				catch (RuntimeException ex) {
					logger.error("Event %s of type '%s' was committed but not handed to the in-memory transport"
						.formatted(event.id(), event.type()), ex);
				}
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(InMemoryEventPublisher.this);
		}

	}

}
