package dev.events.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * How much the benchmarks run: {@code smoke} (CI: seconds, correctness only, no report) or
 * {@code full} (every workload at full size, three times, and {@code docs/benchmarks.md}
 * rewritten), from the {@code benchmarks.scale} system property; {@code benchmarks.repetitions}
 * and {@code benchmarks.latency-warmup-seconds} override its repetitions and the warm-up of the runs
 * on a fixed schedule.
 *
 * @param warmup transactions before the measured ones of each run
 * @param transactions measured transactions of a throughput run
 * @param latencyTransactions measured transactions of a run on a fixed schedule
 * @param latencyWarmupSeconds how long a run on a fixed schedule warms up at least, at its rate: the
 * JIT compiler still works for half a minute after the start at 1,000 events/s, and what is
 * measured is the service running, not starting; a run above 1,000 events/s warms up twice as
 * long, because its compiler threads get less of a busy machine (at 5,000/s after 30 seconds they
 * still used 57-79 of the service's 179-193 us of CPU per event; after 60-90 seconds, 2-15)
 * @param backlog pending events of the drain run
 * @param handled measured events of a run on Kafka alone (sending or consuming), and its warm-up
 * @param inboxBacklog inbox rows the cleanup deletes while a run is measured
 * @param repetitions runs of each workload
 * @param duplicateGrace how long a run's plain consumer goes on listening for duplicates after the
 * last event arrived: a second at the smoke scale, whose runs send a few thousand events, two at
 * the full scale
 * @param writesReport whether the results are written to {@code docs/benchmarks.md}
 */
record BenchmarkScale(int warmup, int transactions, int latencyTransactions, int latencyWarmupSeconds, int backlog,
		int handled,
		int inboxBacklog, int repetitions, Duration duplicateGrace, boolean writesReport) {

	private static final int BUSY_RATE = 1_000;

	static final BenchmarkScale SMOKE = new BenchmarkScale(200, 2_000, 600, 0, 5_000, 2_000, 20_000, 1,
			Duration.ofSeconds(1), false);

	static final BenchmarkScale FULL = new BenchmarkScale(10_000, 100_000, 30_000, 30, 1_000_000, 300_000, 2_000_000, 3,
			Duration.ofSeconds(2), true);

	/**
	 * Return the scale {@code benchmarks.scale} names, repeated as often as
	 * {@code benchmarks.repetitions} says if it is set.
	 * @return the scale
	 */
	static BenchmarkScale current() {
		BenchmarkScale scale = "full".equals(System.getProperty("benchmarks.scale", "smoke").toLowerCase(Locale.ROOT))
				? FULL : SMOKE;
		int repetitions = Integer.getInteger("benchmarks.repetitions", scale.repetitions());
		int latencyWarmupSeconds = Integer.getInteger("benchmarks.latency-warmup-seconds",
				scale.latencyWarmupSeconds());
		return new BenchmarkScale(scale.warmup(), scale.transactions(), scale.latencyTransactions(),
				latencyWarmupSeconds, scale.backlog(),
				scale.handled(), scale.inboxBacklog(), repetitions, scale.duplicateGrace(), scale.writesReport());
	}

	/**
	 * Return the warm-up of a run on a fixed schedule.
	 * @param rate the run's transactions per second
	 * @return its warm-up transactions
	 */
	int latencyWarmup(int rate) {
		int seconds = (rate > BUSY_RATE) ? 2 * this.latencyWarmupSeconds : this.latencyWarmupSeconds;
		return Math.max(this.warmup, rate * seconds);
	}

}
