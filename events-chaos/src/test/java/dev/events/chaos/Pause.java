package dev.events.chaos;

import java.time.Duration;

/**
 * Sleeping for the harness, which waits for real time to pass while faults last.
 */
final class Pause {

	private Pause() {
	}

	static void of(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
