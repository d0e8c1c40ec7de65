package dev.events.publish;

import org.jspecify.annotations.Nullable;

import dev.events.context.TraceResumer;
import dev.events.context.TraceScope;

/**
 * Reads the W3C {@code traceparent} of the trace active on the current thread, stored with each
 * event so the trace continues where the event is sent and handled, and makes a stored one
 * current again where the event is sent from the outbox.
 */
@FunctionalInterface
public interface TraceparentProvider extends TraceResumer {

	/**
	 * A provider for applications without tracing.
	 * @return a provider that never finds a trace
	 */
	static TraceparentProvider none() {
		return () -> null;
	}

	/**
	 * Return the W3C trace context of the current span.
	 * @return the {@code traceparent} value, or {@code null} when no trace is active
	 */
	@Nullable String currentTraceparent();

	/**
	 * Make the trace a {@code traceparent} names the current one on this thread until the
	 * returned scope is closed, so that what runs in it (the relay's send of an event, and the
	 * producer span of that send) joins the trace the event was published in. Without tracing,
	 * or for a value that is not a valid {@code traceparent}, nothing changes.
	 * @param traceparent the stored {@code traceparent}, or {@code null}
	 * @return the scope to close
	 */
	@Override
	default TraceScope resume(@Nullable String traceparent) {
		return TraceScope.NONE;
	}

}
