package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;

import dev.events.benchmarks.BenchmarksTests.Repetition;

/**
 * Writes {@code docs/benchmarks.md}: each figure as the median of the repetitions with their
 * range, next to its baseline from the same run, with the CPU each process used, and the Spring
 * Modulith peer's figures beside ours.
 */
final class BenchmarksReport {

	private static final String MODULITH_ARTIFACT = "spring-modulith-events-core";

	private BenchmarksReport() {
	}

	static void write(Path file, BenchmarkCluster cluster, List<Repetition> repetitions) {
		StringBuilder report = new StringBuilder();
		report.append("""
				# Benchmarks

				Written by `./mvnw -B -ntp verify -pl events-benchmarks -am -Dbenchmarks.scale=full` on %s. \
				Machine: %s. Java %s, Kafka %s (a broker in a process of its own), PostgreSQL %s (a server in \
				processes of its own), the service in a JVM of its own with the starter's defaults. Each figure is \
				the median of %d runs, side by side in one session, with the range in brackets. Every run counted \
				the events lost, duplicated and reordered at a plain consumer, and the measured events its handler \
				missed, while it was measured: 0 in every run of `events`, or this file would not have been \
				written; the Spring Modulith peer lost none either, and the events it reordered or duplicated are \
				in its rows.

				The peer is the same workload on Spring Modulith %s (Spring Boot %s), in a JVM of its own on its \
				own classpath: each transaction publishes an `@Externalized` event with `ApplicationEventPublisher` \
				into its JDBC event publication registry, and its Kafka externalization sends the event, keyed by \
				its key, once the transaction has committed. Tuned as its documentation allows: completion mode \
				`delete`, 32 threads for the asynchronous externalization, producer `linger.ms=0`. Those threads \
				send the events of one key concurrently, so the peer may reorder them.

				""".formatted(LocalDate.now(), Machine.describe(), Runtime.version(), AppInfoParser.getVersion(),
				cluster.postgresVersion(), repetitions.size(), Service.MODULITH.version(MODULITH_ARTIFACT),
				Service.MODULITH.version("spring-boot")));
		throughput(report, repetitions);
		latency(report, repetitions);
		drain(report, repetitions);
		report.append("""
				## Not measured yet

				The handler against a raw `@KafkaListener` (target 4), direct publishing against a raw \
				`KafkaTemplate` (target 5) and housekeeping at scale (target 6) are the next workloads of this \
				module (issue 10).
				""");
		try {
			Files.writeString(file, report.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void throughput(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> bare = repetitions.stream().map(Repetition::bare).toList();
		List<RunResult> events = repetitions.stream().map(Repetition::events).toList();
		List<RunResult> modulith = repetitions.stream().map(Repetition::modulith).toList();
		double bareRate = median(bare, RunResult::rate);
		report.append("""
				## End to end, one event per business transaction (target 1: >= 0.75 of the bare transaction)

				8 threads, each transaction inserts one business row and, with `events`, publishes one ~300-byte \
				event; 1,000 keys, 6 partitions; %,d measured transactions after %,d of warm-up. With an event, \
				the rate runs from the first measured transaction to the arrival of the last measured event at a plain \
				`KafkaConsumer`. CPU is per measured transaction, in microseconds. Reordered: events whose first \
				arrival came after a later event of their key; duplicated: arrivals of an event that had arrived.

				| | per second | ratio to the bare transaction | CPU: service | CPU: broker | CPU: PostgreSQL \
				| reordered | duplicated |
				|---|---|---|---|---|---|---|---|
				""".formatted(bare.get(0).workload().transactions(), bare.get(0).workload().warmup()));
		report.append(throughputRow("the transaction without an event", bare, bareRate)).append(" | |\n");
		report.append(throughputRow("`events` (defaults), end to end", events, bareRate))
			.append(deliveryCells(events))
			.append('\n');
		report.append(throughputRow(modulithName() + ", end to end", modulith, bareRate))
			.append(deliveryCells(modulith))
			.append('\n');
		report.append('\n');
	}

	/**
	 * The cells of a row up to the CPU of each process, without the line's end.
	 */
	private static String throughputRow(String name, List<RunResult> runs, double baseline) {
		return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s |", name,
				figure(runs, RunResult::rate, "%,.0f"), median(runs, RunResult::rate) / baseline,
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().service()), "%.0f"),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().broker()), "%.0f"),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().database()), "%.0f"));
	}

	/**
	 * The cells of the events a plain consumer saw out of order per key, and more than once.
	 */
	private static String deliveryCells(List<RunResult> runs) {
		return " %s | %s |".formatted(figure(runs, (run) -> run.order().violations().size(), "%,.0f"),
				figure(runs, (run) -> run.order().duplicates(), "%,.0f"));
	}

	private static String modulithName() {
		return "Spring Modulith %s (tuned)".formatted(Service.MODULITH.version(MODULITH_ARTIFACT));
	}

	private static void latency(StringBuilder report, List<Repetition> repetitions) {
		report.append("""
				## At a steady rate (target 2: commit -> consumer p50 <= 1 ms, p99 <= 5 ms; commit -> handler \
				p99 <= 10 ms; at the higher rate p99 <= 10 ms)

				Commits on a fixed schedule (open loop), each event's latency from its own commit: to its arrival at \
				a plain `KafkaConsumer`, and, with `events`, to the start of an `@EventHandler` with the PostgreSQL \
				inbox. Milliseconds.

				| | rate | commit -> consumer p50 | p99 | p99.9 | commit -> handler p50 | p99 | p99.9 | reordered \
				| duplicated |
				|---|---|---|---|---|---|---|---|---|---|
				""");
		report.append(latencyRow("`events` (defaults)", repetitions.stream().map(Repetition::steady).toList()));
		report.append(latencyRow("`events` (defaults)", repetitions.stream().map(Repetition::high).toList()));
		report.append(latencyRow(modulithName(), repetitions.stream().map(Repetition::modulithSteady).toList()));
		report.append('\n');
	}

	private static String latencyRow(String name, List<RunResult> runs) {
		String handler = runs.get(0).workload().handle() ? " %s | %s | %s |".formatted(
				figure(runs, (run) -> Percentiles.of(run.commitToHandler()).p50(), "%.1f"),
				figure(runs, (run) -> Percentiles.of(run.commitToHandler()).p99(), "%.1f"),
				figure(runs, (run) -> Percentiles.of(run.commitToHandler()).p999(), "%.1f")) : " | | |";
		return "| %s | %,d/s | %s | %s | %s |%s%s\n".formatted(name, runs.get(0).workload().rate(),
				figure(runs, (run) -> Percentiles.of(run.commitToConsumer()).p50(), "%.1f"),
				figure(runs, (run) -> Percentiles.of(run.commitToConsumer()).p99(), "%.1f"),
				figure(runs, (run) -> Percentiles.of(run.commitToConsumer()).p999(), "%.1f"), handler,
				deliveryCells(runs));
	}

	private static void drain(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> drains = repetitions.stream().map(Repetition::drain).toList();
		double[] claimAndDelete = repetitions.stream().mapToDouble(Repetition::claimAndDelete).sorted().toArray();
		double ceiling = median(claimAndDelete);
		report.append(String.format(Locale.ROOT, """
				## Outbox drain (target 3: >= 0.8 of PostgreSQL's own claim-and-delete rate, and >= 60,000 events/s)

				%,d pending events written into the outbox in one transaction (as an outage leaves them), then \
				drained by the relay: from that commit to the arrival of the last event at a plain \
				`KafkaConsumer`, every event acknowledged and deleted. Beside it, PostgreSQL alone claiming and \
				deleting the same backlog in batches of 2,000, one statement each that returns the rows. The relay \
				finds a backlog written outside it at its next poll (up to 500 ms). CPU per event, in microseconds.

				| | events per second | ratio to PostgreSQL alone | CPU: service | CPU: broker | CPU: PostgreSQL |
				|---|---|---|---|---|---|
				| PostgreSQL alone: claim and delete | %,.0f [%,.0f-%,.0f] | 1.00 | | | |
				""", drains.get(0).workload().backlog(), ceiling, claimAndDelete[0],
				claimAndDelete[claimAndDelete.length - 1]));
		report.append(throughputRow("`events` relay: drained, acknowledged, deleted", drains, ceiling)).append('\n');
		report.append('\n');
	}

	/**
	 * The median of the runs, with their range.
	 */
	private static String figure(List<RunResult> runs, ToDoubleFunction<RunResult> value, String format) {
		double[] values = runs.stream().mapToDouble(value).sorted().toArray();
		return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), values[0],
				values[values.length - 1]);
	}

	private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
		return median(runs.stream().mapToDouble(value).sorted().toArray());
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * What the benchmarks ran on.
	 */
	static final class Machine {

		private Machine() {
		}

		static String describe() {
			return "%d cores (%s), %s of memory".formatted(Runtime.getRuntime().availableProcessors(),
					procField("/proc/cpuinfo", "model name"), procField("/proc/meminfo", "MemTotal"));
		}

		private static String procField(String file, String name) {
			try (Stream<String> lines = Files.lines(Path.of(file))) {
				return lines.filter((line) -> line.startsWith(name))
					.map((line) -> line.substring(line.indexOf(':') + 1).strip())
					.findFirst()
					.orElse("unknown");
			}
			catch (IOException ex) {
				return "unknown";
			}
		}

	}

}
