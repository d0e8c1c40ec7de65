package dev.events.benchmarks;

import java.util.List;

/**
 * Percentiles of latencies, nearest rank.
 *
 * @param p50 the median, in milliseconds
 * @param p99 the 99th percentile, in milliseconds
 * @param p999 the 99.9th percentile, in milliseconds
 * @param count how many latencies
 */
record Percentiles(double p50, double p99, double p999, int count) {

	static Percentiles of(List<Long> micros) {
		if (micros.isEmpty()) {
			throw new IllegalArgumentException("No latencies measured");
		}
		long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted.length);
	}

	/**
	 * Return the latency at a quantile, in milliseconds.
	 * @param sorted the latencies in microseconds, ascending
	 * @param quantile the quantile, between 0 and 1
	 * @return the latency
	 */
	static double at(long[] sorted, double quantile) {
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(rank - 1, 0)] / 1000.0;
	}

}
