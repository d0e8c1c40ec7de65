package dev.events.cloudevents;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;

import dev.events.context.TraceScope;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.publish.TraceparentProvider;

/**
 * Sends events as CloudEvents through a {@link KafkaTemplate}, each in the trace it was
 * published in: what observes the send (the template's observation, a producer interceptor)
 * sees that trace, even when the event is sent from the outbox long after its transaction.
 */
public class KafkaEventSender implements EventSender {

	private final KafkaTemplate<@Nullable String, byte[]> template;

	private final CloudEventRecordMapper mapper;

	private final TraceparentProvider traces;

	/**
	 * Create a sender for an application without tracing.
	 * @param template the template to send with
	 * @param mapper maps events to records
	 */
	public KafkaEventSender(KafkaTemplate<@Nullable String, byte[]> template, CloudEventRecordMapper mapper) {
		this(template, mapper, TraceparentProvider.none());
	}

	/**
	 * Create a sender.
	 * @param template the template to send with
	 * @param mapper maps events to records
	 * @param traces resumes the trace stored with each event while it is sent
	 */
	public KafkaEventSender(KafkaTemplate<@Nullable String, byte[]> template, CloudEventRecordMapper mapper,
			TraceparentProvider traces) {
		this.template = template;
		this.mapper = mapper;
		this.traces = traces;
	}

	@Override
	public CompletableFuture<?> send(OutboundEvent event) {
		try (TraceScope trace = this.traces.resume(event.traceparent())) {
			return this.template.send(this.mapper.toRecord(event));
		}
	}

}
