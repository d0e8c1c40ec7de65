package dev.events.cloudevents;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;

import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;

/**
 * Sends events as CloudEvents through a {@link KafkaTemplate}.
 */
public class KafkaEventSender implements EventSender {

	private final KafkaTemplate<@Nullable String, byte[]> template;

	private final CloudEventRecordMapper mapper;

	/**
	 * Create a sender.
	 * @param template the template to send with
	 * @param mapper maps events to records
	 */
	public KafkaEventSender(KafkaTemplate<@Nullable String, byte[]> template, CloudEventRecordMapper mapper) {
		this.template = template;
		this.mapper = mapper;
	}

	@Override
	public CompletableFuture<?> send(OutboundEvent event) {
		return this.template.send(this.mapper.toRecord(event));
	}

}
