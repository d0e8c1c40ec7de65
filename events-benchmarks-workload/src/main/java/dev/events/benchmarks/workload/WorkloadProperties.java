package dev.events.benchmarks.workload;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the workload does.
 *
 * @param publish whether each transaction publishes an event, or is the bare transaction
 * @param threads the threads running transactions; each owns the keys equal to its index modulo
 * their number, so that the events of a key are published in order
 * @param warmup transactions before the measured ones
 * @param transactions measured transactions
 * @param keys the keys the events are spread over
 * @param rate transactions per second on a fixed schedule (open loop), or 0 for as many as the
 * threads manage (closed loop)
 * @param handle whether the service's own handler handles the events, recording when each
 * invocation starts; a service without one ignores it
 * @param output the directory the workload writes its timings to
 */
@ConfigurationProperties("bench")
public record WorkloadProperties(boolean publish, int threads, int warmup, int transactions, int keys, int rate,
		boolean handle, Path output) {

	/**
	 * Return all transactions, warm-up included.
	 * @return their number
	 */
	public int total() {
		return this.warmup + this.transactions;
	}

}
