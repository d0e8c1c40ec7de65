package dev.events.benchmarks.workload;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Wall-clock time in microseconds since the epoch: every process of a run reads the same host
 * clock, so the times one writes and another reads compare.
 */
public final class Micros {

	private Micros() {
	}

	/**
	 * Return the current time.
	 * @return microseconds since the epoch
	 */
	public static long now() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

}
