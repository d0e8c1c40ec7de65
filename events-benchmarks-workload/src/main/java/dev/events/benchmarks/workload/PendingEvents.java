package dev.events.benchmarks.workload;

/**
 * The events a service has committed and not yet sent, so that the measured phase starts only
 * once the warm-up's events are out.
 */
@FunctionalInterface
public interface PendingEvents {

	/**
	 * Return how many committed events wait to be sent.
	 * @return their number, 0 once every committed event was sent
	 */
	long count();

}
