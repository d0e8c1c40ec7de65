package dev.events.benchmarks;

import java.util.Locale;

/**
 * How much the benchmarks run: {@code smoke} (CI: seconds, correctness only, no report) or
 * {@code full} (every workload at full size, three times, and {@code docs/benchmarks.md}
 * rewritten), from the {@code benchmarks.scale} system property.
 *
 * @param warmup transactions before the measured ones of each run
 * @param transactions measured transactions of a throughput run
 * @param latencyTransactions measured transactions of a run on a fixed schedule
 * @param backlog pending events of the drain run
 * @param handled measured events of a run that times a consumer
 * @param inboxBacklog inbox rows the cleanup deletes while a run is measured
 * @param repetitions runs of each workload
 * @param writesReport whether the results are written to {@code docs/benchmarks.md}
 */
record BenchmarkScale(int warmup, int transactions, int latencyTransactions, int backlog, int handled,
		int inboxBacklog, int repetitions, boolean writesReport) {

	static final BenchmarkScale SMOKE = new BenchmarkScale(200, 2_000, 600, 5_000, 2_000, 20_000, 1, false);

	static final BenchmarkScale FULL = new BenchmarkScale(10_000, 100_000, 30_000, 1_000_000, 300_000, 2_000_000, 3,
			true);

	/**
	 * Return the scale {@code benchmarks.scale} names, repeated as often as
	 * {@code benchmarks.repetitions} says if it is set.
	 * @return the scale
	 */
	static BenchmarkScale current() {
		BenchmarkScale scale = "full".equals(System.getProperty("benchmarks.scale", "smoke").toLowerCase(Locale.ROOT))
				? FULL : SMOKE;
		int repetitions = Integer.getInteger("benchmarks.repetitions", scale.repetitions());
		return new BenchmarkScale(scale.warmup(), scale.transactions(), scale.latencyTransactions(), scale.backlog(),
				scale.handled(), scale.inboxBacklog(), repetitions, scale.writesReport());
	}

}
