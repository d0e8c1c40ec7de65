package dev.events.consume;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.events.context.TraceResumer;
import dev.events.context.TraceScope;

/**
 * One handler invocation timed without an observation: the {@code events.handle} timer, and the
 * trace the event carries made current while the handler runs.
 */
final class TimedHandling implements HandlingObservation {

	private static final String TRACEPARENT = "traceparent";

	private final HandlingTimers timers;

	private final ReceivedEvent event;

	private final @Nullable TraceResumer traces;

	private final long start = System.nanoTime();

	private String outcome = HandlingTimers.UNKNOWN;

	private @Nullable Exception failure;

	TimedHandling(HandlingTimers timers, ReceivedEvent event, @Nullable TraceResumer traces) {
		this.timers = timers;
		this.event = event;
		this.traces = traces;
	}

	@Override
	public TraceScope openScope() {
		if (this.traces == null) {
			return TraceScope.NONE;
		}
		return this.traces.resume(EventHandlingContext.HandledEvent.propagationField(this.event.record(),
				this.event.cloudEvent(), TRACEPARENT));
	}

	@Override
	public void succeeded() {
		this.outcome = HandlingTimers.SUCCESS;
	}

	@Override
	public void failed(Exception failure) {
		this.outcome = HandlingTimers.FAILURE;
		this.failure = failure;
	}

	@Override
	public void stop() {
		this.timers.timer(this.event.cloudEvent().getType(), this.event.record().topic(), this.outcome, this.failure)
			.record(System.nanoTime() - this.start, TimeUnit.NANOSECONDS);
	}

}
