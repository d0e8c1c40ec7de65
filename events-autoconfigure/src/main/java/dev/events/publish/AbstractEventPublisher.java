package dev.events.publish;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.events.context.EventContext;

/**
 * Base of the publishers: turns the event into an {@link OutboundEvent}, hands it on with
 * {@link #deliver(OutboundEvent)} and counts the outcome in {@code events.published} by
 * CloudEvent type.
 */
public abstract class AbstractEventPublisher implements EventPublisher {

	private static final String UNKNOWN_TYPE = "unknown";

	private final OutboundEventFactory factory;

	private final MeterRegistry meterRegistry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create a publisher.
	 * @param factory creates outbound events
	 * @param meterRegistry where publications are counted
	 */
	protected AbstractEventPublisher(OutboundEventFactory factory, MeterRegistry meterRegistry) {
		this.factory = factory;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public final UUID publish(Object event, EventContext context) {
		String type = UNKNOWN_TYPE;
		try {
			OutboundEvent outbound = this.factory.create(event, context);
			type = outbound.type();
			deliver(outbound);
			count(type, "success");
			return outbound.id();
		}
		catch (RuntimeException ex) {
			count(type, "failure");
			throw ex;
		}
	}

	/**
	 * Store or send the event.
	 * @param event the event to deliver
	 */
	protected abstract void deliver(OutboundEvent event);

	/**
	 * Count a publication in a counter registered once per type and outcome, not built and
	 * looked up in the registry on every call.
	 */
	private void count(String type, String outcome) {
		this.counters.computeIfAbsent(type + '\n' + outcome, (key) -> Counter.builder("events.published")
			.description("Events published, by CloudEvent type and outcome")
			.tag("type", type)
			.tag("outcome", outcome)
			.register(this.meterRegistry)).increment();
	}

}
