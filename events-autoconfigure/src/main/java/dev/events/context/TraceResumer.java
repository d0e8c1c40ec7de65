package dev.events.context;

import org.jspecify.annotations.Nullable;

/**
 * Makes the trace an event carries current on a thread: while the outbox sends it, so that the
 * producer's span joins the trace it was published in, and while its handler runs where no
 * {@code events.handle} observation does, so that what the handler publishes continues it.
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
