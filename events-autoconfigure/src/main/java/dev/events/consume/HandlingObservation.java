package dev.events.consume;

import dev.events.context.TraceScope;

/**
 * What measures one handler invocation, started by {@link HandlingObservations}.
 */
interface HandlingObservation {

	/**
	 * Make the invocation's trace current on this thread until the scope is closed.
	 * @return the scope to close
	 */
	TraceScope openScope();

	/**
	 * Record that the handler returned.
	 */
	void succeeded();

	/**
	 * Record that the handler threw.
	 * @param failure what it threw
	 */
	void failed(Exception failure);

	/**
	 * End the measurement.
	 */
	void stop();

}
