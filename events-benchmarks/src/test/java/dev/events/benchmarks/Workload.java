package dev.events.benchmarks;

/**
 * What one run of the service does.
 *
 * @param publish whether each transaction publishes an event
 * @param handle whether an {@code @EventHandler} handles the events
 * @param warmup transactions before the measured ones
 * @param transactions measured transactions
 * @param rate transactions per second on a fixed schedule, or 0 for as many as possible
 */
record Workload(boolean publish, boolean handle, int warmup, int transactions, int rate) {

	static Workload bare(BenchmarkScale scale) {
		return new Workload(false, false, scale.warmup(), scale.transactions(), 0);
	}

	static Workload events(BenchmarkScale scale) {
		return new Workload(true, false, scale.warmup(), scale.transactions(), 0);
	}

	static Workload steady(BenchmarkScale scale, int rate) {
		return new Workload(true, true, scale.warmup() / 10, scale.latencyTransactions(), rate);
	}

	int total() {
		return this.warmup + this.transactions;
	}

}
