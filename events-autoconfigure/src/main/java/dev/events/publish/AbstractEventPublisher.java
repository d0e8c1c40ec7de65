package dev.events.publish;

import java.util.List;
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
public abstract class AbstractEventPublisher implements EventPublisher, OutboundEventPublisher {

	private static final String UNKNOWN_TYPE = "unknown";

	private final OutboundEventFactory factory;

	private final MeterRegistry meterRegistry;

	private final Map<String, Counter> successes = new ConcurrentHashMap<>();

	private final Map<String, Counter> failures = new ConcurrentHashMap<>();

	private List<EventPublicationListener> listeners = List.of();

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
		OutboundEvent outbound;
		try {
			outbound = this.factory.create(event, context);
		}
		catch (RuntimeException ex) {
			count(this.failures, UNKNOWN_TYPE, "failure");
			throw ex;
		}
		publish(event, outbound);
		return outbound.id();
	}

	@Override
	public final void publish(Object event, OutboundEvent outbound) {
		try {
			for (EventPublicationListener listener : this.listeners) {
				listener.published(event, outbound);
			}
			deliver(outbound);
			count(this.successes, outbound.type(), "success");
		}
		catch (RuntimeException ex) {
			count(this.failures, outbound.type(), "failure");
			throw ex;
		}
	}

	/**
	 * Set the listeners told of each event published.
	 * @param listeners the listeners, in the order they are told
	 */
	public void setPublicationListeners(List<EventPublicationListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Store or send the event.
	 * @param event the event to deliver
	 */
	protected abstract void deliver(OutboundEvent event);

	/**
	 * Count a publication in its type's counter for the outcome, registered on first use rather
	 * than built and looked up in the registry on every call.
	 */
	private void count(Map<String, Counter> counters, String type, String outcome) {
		counters.computeIfAbsent(type, (key) -> Counter.builder("events.published")
			.description("Events published, by CloudEvent type and outcome")
			.tag("type", type)
			.tag("outcome", outcome)
			.register(this.meterRegistry)).increment();
	}

}
