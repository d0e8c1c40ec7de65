package dev.events.consume;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code events.handle} timers of one handler without an observation, tagged as the
 * observation's timer is ({@link DefaultEventHandlingObservationConvention}'s tags and
 * {@code error}), each registered on first use rather than looked up in the registry per event.
 */
final class HandlingTimers {

	static final String SUCCESS = "success";

	static final String FAILURE = "failure";

	/** The outcome of an invocation that neither returned nor threw an exception (an error). */
	static final String UNKNOWN = "unknown";

	private static final String NO_ERROR = "none";

	private final String handlerId;

	private final MeterRegistry registry;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	HandlingTimers(String handlerId, MeterRegistry registry) {
		this.handlerId = handlerId;
		this.registry = registry;
	}

	/**
	 * Return the timer of an invocation.
	 * @param eventType the CloudEvent type handled
	 * @param topic the topic it came from
	 * @param outcome {@link #SUCCESS}, {@link #FAILURE} or {@link #UNKNOWN}, as the observation's
	 * {@code outcome} tag
	 * @param failure the exception the handler threw, or {@code null}
	 * @return the timer
	 */
	Timer timer(String eventType, String topic, String outcome, @Nullable Exception failure) {
		String error = (failure != null) ? failure.getClass().getSimpleName() : NO_ERROR;
		return this.timers.computeIfAbsent(new Key(eventType, topic, outcome, error), this::register);
	}

	private Timer register(Key key) {
		Tags tags = Tags.of("error", key.error());
		for (KeyValue keyValue : DefaultEventHandlingObservationConvention.lowCardinalityKeyValues(this.handlerId,
				key.eventType(), key.topic(), key.outcome())) {
			tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return Timer.builder(DefaultEventHandlingObservationConvention.NAME).tags(tags).register(this.registry);
	}

	private record Key(String eventType, String topic, String outcome, String error) {
	}

}
