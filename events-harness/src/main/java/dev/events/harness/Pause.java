package dev.events.harness;

import java.time.Duration;

/**
 * Sleeping for harnesses that wait for real time to pass.
 */
public final class Pause {

	private Pause() {
	}

	/**
	 * Sleep, turning an interruption into an exception.
	 * @param duration how long
	 */
	public static void of(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
