package dev.events.consume;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	/**
	 * The low-cardinality tags of each handler, event type, topic and outcome, built once: they
	 * are asked for twice per invocation.
	 */
	private final Map<LowCardinality, KeyValues> lowCardinality = new ConcurrentHashMap<>();

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
		LowCardinality values = new LowCardinality(context.getHandlerId(), context.getEvent().cloudEvent().getType(),
				context.getEvent().record().topic(), outcome);
		return this.lowCardinality.computeIfAbsent(values, LowCardinality::keyValues);
	}

	/**
	 * Return the default low-cardinality tags of an invocation, which the timer of a handler
	 * without an observation carries too.
	 */
	static KeyValues lowCardinalityKeyValues(String handlerId, String eventType, String topic, String outcome) {
		return new LowCardinality(handlerId, eventType, topic, outcome).keyValues();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EventHandlingContext context) {
		ConsumerRecord<?, ?> record = context.getEvent().record();
		return KeyValues.of("event.id", context.getEvent().cloudEvent().getId(), "messaging.kafka.source.partition",
				String.valueOf(record.partition()), "messaging.kafka.message.offset", String.valueOf(record.offset()));
	}

	private record LowCardinality(String handlerId, String eventType, String topic, String outcome) {

		KeyValues keyValues() {
			return KeyValues.of("handler", this.handlerId, "event.type", this.eventType, "outcome", this.outcome,
					"messaging.system", "kafka", "messaging.operation", "process", "messaging.source.kind", "topic",
					"messaging.source.name", this.topic, "messaging.kafka.consumer.group", this.handlerId);
		}

	}

}
