package dev.events.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a service does.
 *
 * @param mode what the service runs
 * @param publish whether each transaction publishes an event (mode {@code TRANSACTIONS})
 * @param handle whether an {@code @EventHandler} handles the events as they come, timing each
 * @param warmup transactions or events before the measured ones
 * @param transactions measured transactions or events
 * @param keys the keys the events are spread over
 * @param rate transactions per second on a fixed schedule, or 0 for as many as possible
 * @param backlog events written straight into the outbox once the service runs, for the relay
 * to drain, or 0
 * @param inboxBacklog inbox rows written before the service starts that fall out of their
 * retention while it is measured, for its cleanup to delete, or 0
 */
record Workload(Mode mode, boolean publish, boolean handle, int warmup, int transactions, int keys, int rate,
		int backlog, int inboxBacklog) {

	private static final int KEYS = 1_000;

	static Workload bare(BenchmarkScale scale) {
		return new Workload(Mode.TRANSACTIONS, false, false, scale.warmup(), scale.transactions(), KEYS, 0, 0, 0);
	}

	static Workload events(BenchmarkScale scale) {
		return new Workload(Mode.TRANSACTIONS, true, false, scale.warmup(), scale.transactions(), KEYS, 0, 0, 0);
	}

	static Workload steady(BenchmarkScale scale, int rate) {
		return new Workload(Mode.TRANSACTIONS, true, true, scale.latencyWarmup(rate), scale.latencyTransactions(), KEYS,
				rate, 0, 0);
	}

	static Workload drain(BenchmarkScale scale) {
		return new Workload(Mode.TRANSACTIONS, false, false, 0, 0, KEYS, 0, scale.backlog(), 0);
	}

	/**
	 * The end-to-end workload on a few keys, as fast as the threads go.
	 * @param scale the scale
	 * @param keys the keys
	 * @return the workload
	 */
	static Workload hotKeys(BenchmarkScale scale, int keys) {
		return new Workload(Mode.TRANSACTIONS, true, false, scale.warmup() / 10, scale.latencyTransactions(), keys, 0,
				0, 0);
	}

	/**
	 * Events at a steady rate, handled as they come, while the cleanup deletes an inbox backlog.
	 * @param scale the scale
	 * @param rate the rate
	 * @return the workload
	 */
	static Workload housekeeping(BenchmarkScale scale, int rate) {
		return new Workload(Mode.TRANSACTIONS, true, true, scale.latencyWarmup(rate), scale.latencyTransactions(), KEYS,
				rate, 0, scale.inboxBacklog());
	}

	/**
	 * Events sent or handled on Kafka alone, as fast as the service goes, after as many events of
	 * warm-up as are measured: these runs last seconds, and after a shorter warm-up the JIT compiler
	 * was still compiling the paths they measure (10,000 events of warm-up put the raw listener at
	 * 140,000 events/s and the handler at 0.51 of it; warmed up, 200,000-280,000 and 0.3-0.4).
	 * @param scale the scale
	 * @param mode one of the modes on Kafka alone
	 * @return the workload
	 */
	static Workload kafka(BenchmarkScale scale, Mode mode) {
		return new Workload(mode, false, false, scale.handled(), scale.handled(), KEYS, 0, 0, 0);
	}

	/**
	 * Events published outside any transaction to the service's own handler on the in-memory
	 * transport, as fast as the service goes, after as many events of warm-up as are measured.
	 * @param scale the scale
	 * @return the workload
	 */
	static Workload memory(BenchmarkScale scale) {
		return new Workload(Mode.MEMORY, false, true, scale.handled(), scale.handled(), KEYS, 0, 0, 0);
	}

	/**
	 * Events published outside any transaction to the service's own handler on the in-memory
	 * transport at a steady rate, on a fixed schedule, after twice as many events of warm-up at
	 * the same rate as are measured.
	 * @param scale the scale
	 * @param rate events per second
	 * @return the workload
	 */
	static Workload memorySteady(BenchmarkScale scale, int rate) {
		return new Workload(Mode.MEMORY, false, true, 2 * scale.handled(), scale.handled(), KEYS, rate, 0, 0);
	}

	/**
	 * The end-to-end workload, each transaction's event handled by the service's own handler on
	 * the in-memory transport, through the outbox and the inbox.
	 * @param scale the scale
	 * @return the workload
	 */
	static Workload memoryTransactions(BenchmarkScale scale) {
		return new Workload(Mode.MEMORY_TRANSACTIONS, true, true, scale.warmup(), scale.transactions(), KEYS, 0, 0,
				0);
	}

	/**
	 * Return the same workload for a service without a handler of its own.
	 * @return the workload, its events only published
	 */
	Workload withoutHandler() {
		return new Workload(this.mode, this.publish, false, this.warmup, this.transactions, this.keys, this.rate,
				this.backlog, this.inboxBacklog);
	}


	/**
	 * Return how long the warm-up takes at least: as long as its transactions take at the rate.
	 * @return the warm-up's length, zero for a run as fast as possible
	 */
	Duration warmupTime() {
		return (this.rate > 0) ? Duration.ofMillis(this.warmup * 1000L / this.rate) : Duration.ZERO;
	}

	/**
	 * Return how many events a plain consumer should see.
	 * @return the events, warm-up included
	 */
	int total() {
		if (this.backlog > 0) {
			return this.backlog;
		}
		return (this.publish || this.mode != Mode.TRANSACTIONS) ? this.warmup + this.transactions : 0;
	}

	/**
	 * Return what the measured rate counts: transactions, events, or the events of a backlog.
	 * @return the measured units
	 */
	int measured() {
		return (this.backlog > 0) ? this.backlog : this.transactions;
	}

	/**
	 * Whether events reach the topic, published, drained or sent for a consumer.
	 * @return whether a consumer should see events
	 */
	boolean producesEvents() {
		return total() > 0;
	}

	/**
	 * Return the service's arguments for this workload, beside those of its infrastructure.
	 * @return the arguments
	 */
	List<String> arguments() {
		List<String> arguments = new ArrayList<>(List.of("--bench.mode=" + this.mode.argument(),
				"--bench.publish=" + this.publish, "--bench.handle=" + this.handle, "--bench.warmup=" + this.warmup,
				"--bench.transactions=" + this.transactions, "--bench.keys=" + this.keys, "--bench.rate=" + this.rate));
		arguments.addAll(this.mode.serviceArguments());
		return arguments;
	}

	/**
	 * What the service runs.
	 */
	enum Mode {

		/** Business transactions, each with an event unless bare. */
		TRANSACTIONS("transactions"),

		/** The starter's publisher without an outbox, straight to Kafka. */
		DIRECT("direct", "--events.outbox.enabled=false"),

		/** The same records through a raw {@code KafkaTemplate}, the baseline of {@link #DIRECT}. */
		TEMPLATE("template"),

		/** An {@code @EventHandler} with the inbox, its own body empty. */
		HANDLER("handler", "--spring.kafka.listener.auto-startup=false"),

		/** A raw {@code @KafkaListener} decoding the same records, the baseline of {@link #HANDLER}. */
		LISTENER("listener", "--spring.kafka.listener.auto-startup=false"),

		/** Events published without a transaction to the service's handler, in memory, without a database. */
		MEMORY("memory", "--events.transport=in-memory", "--spring.autoconfigure.exclude="
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"),

		/** Business transactions, each with an event handled by the service's handler in memory. */
		MEMORY_TRANSACTIONS("transactions", "--events.transport=in-memory");

		private final String argument;

		private final List<String> serviceArguments;

		Mode(String argument, String... serviceArguments) {
			this.argument = argument;
			this.serviceArguments = List.of(serviceArguments);
		}

		String argument() {
			return this.argument;
		}

		List<String> serviceArguments() {
			return this.serviceArguments;
		}

		/**
		 * Whether the run times a consumer rather than the arrival of events.
		 * @return whether it consumes
		 */
		boolean consumes() {
			return this == HANDLER || this == LISTENER;
		}

		/**
		 * Whether events stay in the service, on the in-memory transport: no consumer sees them,
		 * its handler times them.
		 * @return whether the run is in memory
		 */
		boolean inMemory() {
			return this == MEMORY || this == MEMORY_TRANSACTIONS;
		}

	}

}
