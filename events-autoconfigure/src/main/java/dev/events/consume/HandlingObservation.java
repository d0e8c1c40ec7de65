package dev.events.consume;

/**
 * What measures one handler invocation, started by {@link HandlingObservations}.
 */
interface HandlingObservation {

	/**
	 * Make the invocation's trace current on this thread until the scope is closed.
	 * @return the scope to close
	 */
	Scope openScope();

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

	/**
	 * A trace made current, until closed.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/**
		 * A scope that changed nothing.
		 */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

}
