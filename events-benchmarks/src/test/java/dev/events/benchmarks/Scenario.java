package dev.events.benchmarks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runs of one repetition of the benchmarks.
 */
enum Scenario {

	/** The business transaction without an event. */
	BARE,

	/** The same with one event each through the starter, end to end. */
	EVENTS,

	/** The same through the Spring Modulith peer. */
	MODULITH,

	/** Events at a steady 1,000 per second (200 in the smoke run), handled as they come. */
	STEADY,

	/** The peer at the same steady rate. */
	MODULITH_STEADY,

	/** Events at a steady 5,000 per second, or 40% of the bare rate if lower. */
	HIGH,

	/** The peer at the same higher rate. */
	MODULITH_HIGH,

	/** The end-to-end workload on 8 keys, where ordering has the most to lose. */
	HOT_KEYS,

	/** The peer on the same 8 keys. */
	MODULITH_HOT_KEYS,

	/** Events at the steady rate while the inbox cleanup deletes a backlog of old rows. */
	HOUSEKEEPING,

	/** The relay draining a backlog written straight into the outbox. */
	DRAIN,

	/** The starter's publisher without an outbox. */
	DIRECT,

	/** The same records through a raw {@code KafkaTemplate}. */
	TEMPLATE,

	/** An {@code @EventHandler} with the inbox working off records waiting on the topic. */
	HANDLER,

	/** A raw {@code @KafkaListener} working off the same records. */
	LISTENER,

	/** Events published without a transaction to the service's own handler on the in-memory transport. */
	MEMORY,

	/** The same at a steady 100,000 per second (10,000 in the smoke run). */
	MEMORY_STEADY,

	/** The end-to-end workload with the service's own handler on the in-memory transport. */
	MEMORY_TRANSACTIONS;

	/**
	 * Return the scenarios {@code benchmarks.scenarios} names, comma-separated, or all of them.
	 * @return the scenarios to run
	 */
	static Set<Scenario> selected() {
		String names = System.getProperty("benchmarks.scenarios", "").strip();
		if (names.isEmpty()) {
			return EnumSet.allOf(Scenario.class);
		}
		return Arrays.stream(names.split(","))
			.map((name) -> valueOf(name.strip().toUpperCase(Locale.ROOT)))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Scenario.class)));
	}

}
