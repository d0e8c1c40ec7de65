package dev.events.memory;

import java.util.concurrent.CompletableFuture;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;

/**
 * Sends events to the {@link InMemoryTransport} as the records Kafka would carry: the outbox
 * relay and the publisher without an outbox send through it as they would to Kafka.
 */
public class InMemoryEventSender implements EventSender {

	private final InMemoryTransport transport;

	private final CloudEventRecordMapper mapper;

	/**
	 * Create a sender.
	 * @param transport delivers the records to the handlers
	 * @param mapper maps events to records
	 */
	public InMemoryEventSender(InMemoryTransport transport, CloudEventRecordMapper mapper) {
		this.transport = transport;
		this.mapper = mapper;
	}

	@Override
	public CompletableFuture<?> send(OutboundEvent event) {
		try {
			this.transport.send(this.mapper.toRecord(event));
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
