package dev.events.benchmarks;

/**
 * What one run of the service does.
 *
 * @param publish whether each transaction publishes an event
 * @param handle whether an {@code @EventHandler} handles the events
 * @param warmup transactions before the measured ones
 * @param transactions measured transactions
 * @param rate transactions per second on a fixed schedule, or 0 for as many as possible
 * @param backlog events written straight into the outbox once the service runs, for the relay
 * to drain, or 0
 */
record Workload(boolean publish, boolean handle, int warmup, int transactions, int rate, int backlog) {

	static Workload bare(BenchmarkScale scale) {
		return new Workload(false, false, scale.warmup(), scale.transactions(), 0, 0);
	}

	static Workload events(BenchmarkScale scale) {
		return new Workload(true, false, scale.warmup(), scale.transactions(), 0, 0);
	}

	static Workload steady(BenchmarkScale scale, int rate) {
		return new Workload(true, true, scale.warmup() / 10, scale.latencyTransactions(), rate, 0);
	}

	static Workload drain(BenchmarkScale scale) {
		return new Workload(false, false, 0, 0, 0, scale.backlog());
	}

	/**
	 * Return the same workload for a service without a handler of its own.
	 * @return the workload, its events only published
	 */
	Workload withoutHandler() {
		return new Workload(this.publish, false, this.warmup, this.transactions, this.rate, this.backlog);
	}

	/**
	 * Return how many events a plain consumer should see.
	 * @return the events, warm-up included
	 */
	int total() {
		return this.publish ? this.warmup + this.transactions : this.backlog;
	}

	/**
	 * Return what the measured rate counts: transactions, or the events of a backlog.
	 * @return the measured units
	 */
	int measured() {
		return (this.backlog > 0) ? this.backlog : this.transactions;
	}

	/**
	 * Whether events reach the topic, published or drained.
	 * @return whether a consumer should see events
	 */
	boolean producesEvents() {
		return this.publish || this.backlog > 0;
	}

}
