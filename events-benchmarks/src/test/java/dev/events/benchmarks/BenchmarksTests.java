package dev.events.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.events.test.KeyOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks: the service as a JVM of its own against a Kafka broker and PostgreSQL in
 * processes of their own, each workload checked for lost, duplicated and reordered events while
 * it is measured, and beside it the same workload on Spring Modulith, checked for lost events
 * only. The smoke scale (CI) checks correctness only; the full scale
 * ({@code -Dbenchmarks.scale=full}) runs every workload three times, side by side, and rewrites
 * {@code docs/benchmarks.md}. {@code -Dbenchmarks.scenarios=HANDLER,LISTENER} runs only those,
 * without a report. Nothing here asserts a speed: the report states it.
 */
@ExtendWith(BenchmarkClusterExtension.class)
class BenchmarksTests {

	private static final int SMOKE_RATE = 200;

	private static final int STEADY_RATE = 1_000;

	private static final int HIGH_RATE = 5_000;

	private static final double HIGH_RATE_SHARE_OF_BARE = 0.4;

	private static final int HOT_KEYS = 8;

	private static final int MEMORY_RATE = 100_000;

	private static final int SMOKE_MEMORY_RATE = 10_000;

	@Test
	void theStartersDefaultsAndTheModulithPeerEndToEndAndAtSteadyRates(BenchmarkCluster cluster) {
		BenchmarkScale scale = BenchmarkScale.current();
		List<Repetition> repetitions = new ArrayList<>();
		for (int repetition = 1; repetition <= scale.repetitions(); repetition++) {
			repetitions.add(repeat(cluster, scale, repetition));
		}
		if (scale.writesReport() && Scenario.selected().size() == Scenario.values().length) {
			BenchmarksReport.write(Path.of(System.getProperty("benchmarks.report")), cluster, repetitions);
		}
	}

	private static Repetition repeat(BenchmarkCluster cluster, BenchmarkScale scale, int repetition) {
		Map<Scenario, RunResult> runs = new EnumMap<>(Scenario.class);
		Runner runner = new Runner(cluster, scale, repetition, runs);
		if (!scale.writesReport()) {
			runner.checked(Scenario.STEADY, Service.EVENTS, Workload.steady(scale, SMOKE_RATE));
			runner.lossless(Scenario.MODULITH, Service.MODULITH, Workload.events(scale));
			runner.checked(Scenario.DRAIN, Service.EVENTS, Workload.drain(scale));
			runner.checked(Scenario.DIRECT, Service.EVENTS, Workload.kafka(scale, Workload.Mode.DIRECT));
			runner.checked(Scenario.HANDLER, Service.EVENTS, Workload.kafka(scale, Workload.Mode.HANDLER));
			runner.checked(Scenario.MEMORY_STEADY, Service.EVENTS, Workload.memorySteady(scale, SMOKE_MEMORY_RATE));
			return new Repetition(runs, 0);
		}
		RunResult bare = runner.unchecked(Scenario.BARE, Service.EVENTS, Workload.bare(scale));
		double bareRate = (bare != null) ? bare.rate() : HIGH_RATE / HIGH_RATE_SHARE_OF_BARE;
		runner.checked(Scenario.EVENTS, Service.EVENTS, Workload.events(scale));
		runner.lossless(Scenario.MODULITH, Service.MODULITH, Workload.events(scale));
		runner.checked(Scenario.STEADY, Service.EVENTS, Workload.steady(scale, STEADY_RATE));
		runner.lossless(Scenario.MODULITH_STEADY, Service.MODULITH,
				Workload.steady(scale, STEADY_RATE).withoutHandler());
		int highRate = (int) Math.min(HIGH_RATE, HIGH_RATE_SHARE_OF_BARE * bareRate);
		runner.checked(Scenario.HIGH, Service.EVENTS, Workload.steady(scale, highRate));
		runner.lossless(Scenario.MODULITH_HIGH, Service.MODULITH, Workload.steady(scale, highRate).withoutHandler());
		runner.checked(Scenario.HOT_KEYS, Service.EVENTS, Workload.hotKeys(scale, HOT_KEYS));
		runner.lossless(Scenario.MODULITH_HOT_KEYS, Service.MODULITH, Workload.hotKeys(scale, HOT_KEYS));
		runner.checked(Scenario.HOUSEKEEPING, Service.EVENTS, Workload.housekeeping(scale, STEADY_RATE));
		runner.checked(Scenario.DRAIN, Service.EVENTS, Workload.drain(scale));
		runner.checked(Scenario.DIRECT, Service.EVENTS, Workload.kafka(scale, Workload.Mode.DIRECT));
		runner.checked(Scenario.TEMPLATE, Service.EVENTS, Workload.kafka(scale, Workload.Mode.TEMPLATE));
		runner.checked(Scenario.HANDLER, Service.EVENTS, Workload.kafka(scale, Workload.Mode.HANDLER));
		runner.checked(Scenario.LISTENER, Service.EVENTS, Workload.kafka(scale, Workload.Mode.LISTENER));
		runner.checked(Scenario.MEMORY, Service.EVENTS, Workload.memory(scale));
		runner.checked(Scenario.MEMORY_STEADY, Service.EVENTS, Workload.memorySteady(scale, MEMORY_RATE));
		runner.checked(Scenario.MEMORY_TRANSACTIONS, Service.EVENTS, Workload.memoryTransactions(scale));
		String database = cluster.newDatabase();
		double claimAndDelete = OutboxBacklog.claimAndDeleteRate(cluster.dataSource(database), scale.backlog());
		System.out.printf(Locale.ROOT, "claim-and-delete-%d: %,.0f/s (PostgreSQL alone)%n", repetition, claimAndDelete);
		cluster.dropDatabase(database);
		return new Repetition(runs, claimAndDelete);
	}

	/**
	 * Runs the scenarios of one repetition and checks each while it is measured: a fast wrong
	 * answer is not a result.
	 */
	private record Runner(BenchmarkCluster cluster, BenchmarkScale scale, int repetition,
			Map<Scenario, RunResult> runs) {

		/**
		 * Run a scenario unless {@code benchmarks.scenarios} leaves it out.
		 * @return what it measured, or {@code null} if it did not run
		 */
		@Nullable RunResult unchecked(Scenario scenario, Service service, Workload workload) {
			if (!Scenario.selected().contains(scenario)) {
				return null;
			}
			String name = scenario.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + this.repetition;
			RunResult result = new ServiceRun(this.cluster, service, name, workload, this.scale.duplicateGrace()).run();
			this.runs.put(scenario, result);
			System.out.printf(Locale.ROOT,
					"%s: %,.0f/s; CPU per unit: service %.0f us (JIT compiler %.0f), broker %.0f us, database %.0f us%n",
					name, result.rate(), result.cpuMicrosPerTransaction(result.cpu().service()),
					result.cpuMicrosPerTransaction(result.cpu().serviceCompiler()),
					result.cpuMicrosPerTransaction(result.cpu().broker()),
					result.cpuMicrosPerTransaction(result.cpu().database()));
			printLatency(name, "consumer", result.commitToConsumer());
			printLatency(name, "handler", result.commitToHandler());
			if (result.inboxCleanup() != null && result.inboxCleanup().finished()) {
				ServiceRun.InboxCleanup cleanup = result.inboxCleanup();
				System.out.printf(Locale.ROOT, "%s: inbox rows deleted at %,.0f/s; commit -> handler p99 %.1f ms while "
						+ "cleaning, %.1f ms before%n", name, cleanup.rowsPerSecond(),
						Percentiles.of(result.commitToHandler(cleanup.dueMicros(), cleanup.doneMicros())).p99(),
						Percentiles.of(result.commitToHandler(0, cleanup.dueMicros())).p99());
			}
			return result;
		}

		private static void printLatency(String name, String to, List<Long> latencies) {
			if (!latencies.isEmpty()) {
				Percentiles percentiles = Percentiles.of(latencies);
				System.out.printf(Locale.ROOT, "%s: commit -> %s p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n", name, to,
						percentiles.p50(), percentiles.p99(), percentiles.p999());
			}
		}

		/**
		 * Run a scenario of the peer, and fail if it lost an event. Its duplicates and per-key
		 * order violations are counted in the report, as what the peer delivers.
		 */
		@Nullable RunResult lossless(Scenario scenario, Service service, Workload workload) {
			RunResult result = unchecked(scenario, service, workload);
			if (result == null || workload.mode().inMemory()) {
				return result;
			}
			assertThat(result.workload().total() - result.order().distinctEvents()).as("%s: events lost", scenario)
				.isZero();
			return result;
		}

		/**
		 * Run a scenario of the starter, and fail if it lost, duplicated or reordered an event,
		 * or if its handler missed, repeated or reordered one; in memory, where no consumer sees
		 * the events, the handler's count is the check.
		 */
		@Nullable RunResult checked(Scenario scenario, Service service, Workload workload) {
			RunResult result = lossless(scenario, service, workload);
			if (result == null) {
				return null;
			}
			if (!workload.mode().inMemory()) {
				KeyOrder order = result.order();
				assertThat(order.duplicates()).as("%s: events delivered twice", scenario).isZero();
				assertThat(order.violations()).as("%s: per-key order violations", scenario).isEmpty();
			}
			assertThat(result.handledReordered()).as("%s: events handled after a later one of their key", scenario)
				.isZero();
			if (result.workload().handle()) {
				assertThat(result.handledMicros()).as("%s: measured events handled", scenario)
					.hasSize(result.workload().transactions());
			}
			assertThat(result.handledAgain()).as("%s: events handled twice", scenario).isZero();
			return result;
		}

	}

	/**
	 * The runs of one repetition, side by side.
	 *
	 * @param runs what each scenario measured; the smoke run has a few of them
	 * @param claimAndDelete PostgreSQL's own rate of claiming and deleting the backlog the relay
	 * drains, events per second (full scale only)
	 */
	record Repetition(Map<Scenario, RunResult> runs, double claimAndDelete) {

		RunResult run(Scenario scenario) {
			RunResult run = this.runs.get(scenario);
			if (run == null) {
				throw new IllegalStateException("No " + scenario + " run in this repetition");
			}
			return run;
		}

	}

}
