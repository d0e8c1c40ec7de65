package dev.events.consume;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.micrometer.observation.transport.ReceiverContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * The context of an {@code events.handle} observation: one handler invoked for one event. Trace
 * propagation reads the record's Kafka headers first (the context of the span that sent it, such
 * as the relay's when {@code spring.kafka.template.observation-enabled} is on), then the
 * CloudEvent's extensions (the {@code traceparent} stored with the event when it was published).
 */
public final class EventHandlingContext extends ReceiverContext<EventHandlingContext.HandledEvent> {

	private final String handlerId;

	private final HandledEvent event;

	private @Nullable String outcome;

	EventHandlingContext(String handlerId, HandledEvent event) {
		super(HandledEvent::propagationField);
		this.handlerId = handlerId;
		this.event = event;
		setCarrier(event);
		setRemoteServiceName("kafka");
	}

	/**
	 * Return the id of the handler, also its consumer group.
	 * @return the handler id
	 */
	public String getHandlerId() {
		return this.handlerId;
	}

	/**
	 * Return the event handled.
	 * @return the event and the record it came in
	 */
	public HandledEvent getEvent() {
		return this.event;
	}

	/**
	 * Return how the invocation ended.
	 * @return {@code success} or {@code failure}, or {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	/**
	 * An event being handled, and the record it came in.
	 *
	 * @param record the Kafka record
	 * @param cloudEvent the CloudEvent decoded from it
	 */
	public record HandledEvent(ConsumerRecord<?, ?> record, CloudEvent cloudEvent) {

		@Nullable String propagationField(String key) {
			return propagationField(this.record, this.cloudEvent, key);
		}

		/**
		 * Return a trace propagation field of an event: its record's header, else the CloudEvent
		 * extension of that name.
		 */
		static @Nullable String propagationField(ConsumerRecord<?, ?> record, CloudEvent cloudEvent, String key) {
			Header header = record.headers().lastHeader(key);
			if (header != null && header.value() != null) {
				return new String(header.value(), StandardCharsets.UTF_8);
			}
			Object extension = cloudEvent.getExtension(key);
			return (extension != null) ? extension.toString() : null;
		}

	}

}
