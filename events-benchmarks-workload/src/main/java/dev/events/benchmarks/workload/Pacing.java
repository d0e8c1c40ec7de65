package dev.events.benchmarks.workload;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a fixed schedule for runs at a rate (open loop): work is due at its own time, whatever
 * the work before it took.
 */
public final class Pacing {

	private Pacing() {
	}

	/**
	 * Wait until a time of {@link System#nanoTime()}, at once if it has passed.
	 * @param nanos the time
	 */
	public static void waitUntil(long nanos) {
		long wait;
		while ((wait = nanos - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}

}
