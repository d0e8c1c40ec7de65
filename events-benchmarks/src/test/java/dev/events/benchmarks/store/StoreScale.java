package dev.events.benchmarks.store;

import java.util.Locale;

/**
 * How much the store benchmarks run, from {@code benchmarks.scale}: {@code smoke} (CI: seconds,
 * correctness only) or {@code full} (the sizes the targets name, and the report rewritten).
 *
 * @param warmupTransactions transactions of the warm-up pass of each kind
 * @param transactions transactions of each measured pass
 * @param passes measured passes of each kind, alternating
 * @param streamLength events of the stream the load benchmark loads
 * @param loads measured loads of each kind
 * @param readAllEvents events in the store, at least, when all streams are read
 * @param longStreamEvents events of the stream read with a small heap, 0 for none
 * @param writesReport whether the results are written to the report
 */
record StoreScale(int warmupTransactions, int transactions, int passes, int streamLength, int loads, int readAllEvents,
		int longStreamEvents, boolean writesReport) {

	static final StoreScale SMOKE = new StoreScale(200, 800, 1, 1_000, 10, 5_000, 0, false);

	static final StoreScale FULL = new StoreScale(8_000, 40_000, 3, 10_000, 30, 100_000, 100_000, true);

	/**
	 * Return the length of the stream loaded from snapshots: the most events after its latest
	 * snapshot that a load reads, one short of the next snapshot.
	 * @return its events
	 */
	int snapshottedStreamLength() {
		return this.streamLength + StoreBenchmarkApplication.SNAPSHOT_EVERY - 1;
	}

	boolean readsLongStream() {
		return this.longStreamEvents > 0;
	}

	static StoreScale current() {
		return "full".equals(System.getProperty("benchmarks.scale", "smoke").toLowerCase(Locale.ROOT)) ? FULL : SMOKE;
	}

}
