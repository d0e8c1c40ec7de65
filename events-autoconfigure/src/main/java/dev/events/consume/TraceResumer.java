package dev.events.consume;

import org.jspecify.annotations.Nullable;

import dev.events.context.TraceScope;

/**
 * Makes the trace an event carries current while its handler runs, where no {@code events.handle}
 * observation does: what the handler publishes then continues that trace.
 */
@FunctionalInterface
public interface TraceResumer {

	/**
	 * Make the trace a {@code traceparent} names current on this thread until the scope is closed.
	 * @param traceparent the W3C trace context the event carries, or {@code null}
	 * @return the scope to close
	 */
	TraceScope resume(@Nullable String traceparent);

}
