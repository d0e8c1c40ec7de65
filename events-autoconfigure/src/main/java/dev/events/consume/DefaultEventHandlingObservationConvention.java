package dev.events.consume;

import io.micrometer.common.KeyValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The default names and tags of {@code events.handle}: ours ({@code handler}, {@code event.type},
 * {@code outcome}) beside the messaging tags spring-kafka's listener observation uses, so that
 * dashboards built for one read the other.
 */
public class DefaultEventHandlingObservationConvention implements EventHandlingObservationConvention {

	/**
	 * The observation's name, also the name of its timer.
	 */
	public static final String NAME = "events.handle";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(EventHandlingContext context) {
		return "handle " + context.getEvent().cloudEvent().getType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EventHandlingContext context) {
		String outcome = (context.getOutcome() != null) ? context.getOutcome() : "unknown";
		return KeyValues.of("handler", context.getHandlerId(), "event.type", context.getEvent().cloudEvent().getType(),
				"outcome", outcome, "messaging.system", "kafka", "messaging.operation", "process",
				"messaging.source.kind", "topic", "messaging.source.name", context.getEvent().record().topic(),
				"messaging.kafka.consumer.group", context.getHandlerId());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EventHandlingContext context) {
		ConsumerRecord<?, ?> record = context.getEvent().record();
		return KeyValues.of("event.id", context.getEvent().cloudEvent().getId(), "messaging.kafka.source.partition",
				String.valueOf(record.partition()), "messaging.kafka.message.offset", String.valueOf(record.offset()));
	}

}
