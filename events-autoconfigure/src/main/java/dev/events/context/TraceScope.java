package dev.events.context;

/**
 * A trace made current on a thread, until closed: the trace an event carries, while it is sent from
 * the outbox or handled.
 */
@FunctionalInterface
public interface TraceScope extends AutoCloseable {

	/**
	 * A scope that changed nothing.
	 */
	TraceScope NONE = () -> {
	};

	@Override
	void close();

}
