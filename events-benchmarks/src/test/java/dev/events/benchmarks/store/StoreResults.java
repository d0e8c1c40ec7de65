package dev.events.benchmarks.store;

import java.util.List;

/**
 * What one run of the store benchmarks measured.
 *
 * @param bare transactions per second without the store, each pass
 * @param publishing transactions per second with one event published through the outbox, without
 * the store, each pass
 * @param appending transactions per second with one event appended, each pass
 * @param storing transactions per second with one event appended and kept without publishing,
 * each pass
 * @param plainLoads each load's milliseconds, from all events, sorted
 * @param snapshottedLoads each load's milliseconds, from the latest snapshot, sorted
 * @param stored events in the store when all streams were read
 * @param sequencing events per second of the first read of all streams, which gave them positions
 * @param reading events per second of each read after it
 */
record StoreResults(List<Double> bare, List<Double> publishing, List<Double> appending, List<Double> storing,
		List<Double> plainLoads, List<Double> snapshottedLoads, long stored, double sequencing, List<Double> reading) {

}
