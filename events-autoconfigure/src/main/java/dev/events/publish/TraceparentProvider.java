package dev.events.publish;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the W3C {@code traceparent} of the trace active on the current thread, stored with
 * each event so the trace continues where the event is handled.
 */
@FunctionalInterface
public interface TraceparentProvider {

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

}
