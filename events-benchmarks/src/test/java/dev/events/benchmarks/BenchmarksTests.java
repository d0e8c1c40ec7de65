package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.events.test.KeyOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks: the service as a JVM of its own against a Kafka broker and PostgreSQL in
 * processes of their own, each workload checked for lost, duplicated and reordered events while
 * it is measured, and beside it the same workload on Spring Modulith, checked for lost events
 * only. The smoke scale (CI) checks correctness only; the full scale
 * ({@code -Dbenchmarks.scale=full}) runs every workload three times, side by side, and rewrites
 * {@code docs/benchmarks.md}. Nothing here asserts a speed: the report states it.
 */
class BenchmarksTests {

	private static final int SMOKE_RATE = 200;

	private static final int STEADY_RATE = 1_000;

	private static final int HIGH_RATE = 5_000;

	private static final double HIGH_RATE_SHARE_OF_BARE = 0.4;

	@Test
	void theStartersDefaultsAndTheModulithPeerEndToEndAndAtSteadyRates() {
		BenchmarkScale scale = BenchmarkScale.current();
		List<Repetition> repetitions = new ArrayList<>();
		try (BenchmarkCluster cluster = BenchmarkCluster.start(workDir())) {
			for (int repetition = 1; repetition <= scale.repetitions(); repetition++) {
				repetitions.add(repeat(cluster, scale, repetition));
			}
			if (scale.writesReport()) {
				BenchmarksReport.write(Path.of(System.getProperty("benchmarks.report")), cluster, repetitions);
			}
		}
	}

	private static Repetition repeat(BenchmarkCluster cluster, BenchmarkScale scale, int repetition) {
		if (!scale.writesReport()) {
			RunResult events = checked(run(cluster, Service.EVENTS, "events-" + repetition, Workload.events(scale)));
			RunResult modulith = lossless(
					run(cluster, Service.MODULITH, "modulith-" + repetition, Workload.events(scale)));
			RunResult steady = checked(
					run(cluster, Service.EVENTS, "steady-" + repetition, Workload.steady(scale, SMOKE_RATE)));
			RunResult drain = checked(run(cluster, Service.EVENTS, "drain-" + repetition, Workload.drain(scale)));
			return new Repetition(null, events, steady, null, drain, 0, modulith, null);
		}
		RunResult bare = run(cluster, Service.EVENTS, "bare-" + repetition, Workload.bare(scale));
		RunResult events = checked(run(cluster, Service.EVENTS, "events-" + repetition, Workload.events(scale)));
		RunResult modulith = lossless(run(cluster, Service.MODULITH, "modulith-" + repetition, Workload.events(scale)));
		RunResult steady = checked(
				run(cluster, Service.EVENTS, "steady-" + repetition, Workload.steady(scale, STEADY_RATE)));
		RunResult modulithSteady = lossless(run(cluster, Service.MODULITH, "modulith-steady-" + repetition,
				Workload.steady(scale, STEADY_RATE).withoutHandler()));
		int highRate = (int) Math.min(HIGH_RATE, HIGH_RATE_SHARE_OF_BARE * bare.rate());
		RunResult high = checked(run(cluster, Service.EVENTS, "high-" + repetition, Workload.steady(scale, highRate)));
		RunResult drain = checked(run(cluster, Service.EVENTS, "drain-" + repetition, Workload.drain(scale)));
		double claimAndDelete = OutboxBacklog.claimAndDeleteRate(cluster.dataSource(cluster.newDatabase()),
				scale.backlog());
		return new Repetition(bare, events, steady, high, drain, claimAndDelete, modulith, modulithSteady);
	}

	private static RunResult run(BenchmarkCluster cluster, Service service, String name, Workload workload) {
		return new ServiceRun(cluster, service, name, workload).run();
	}

	/**
	 * Fail loudly if a run lost, duplicated or reordered an event: a fast wrong answer is not a
	 * result.
	 */
	private static RunResult checked(RunResult result) {
		KeyOrder order = lossless(result).order();
		assertThat(order.duplicates()).as("events delivered twice").isZero();
		assertThat(order.violations()).as("per-key order violations").isEmpty();
		if (result.workload().handle()) {
			assertThat(result.handledMicros()).as("measured events handled").hasSize(result.workload().transactions());
			assertThat(result.handledAgain()).as("measured events handled twice").isZero();
		}
		return result;
	}

	/**
	 * Fail if a run lost an event. A peer's runs are checked for that alone: the events it
	 * duplicated or reordered are counted in the report, as what the peer delivers.
	 */
	private static RunResult lossless(RunResult result) {
		assertThat(result.workload().total() - result.order().distinctEvents()).as("events lost").isZero();
		return result;
	}

	private static Path workDir() {
		try {
			return Files.createTempDirectory(Files.createDirectories(Path.of("target", "benchmarks")), "run-")
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The runs of one repetition, side by side.
	 *
	 * @param bare the transaction without an event (full scale only)
	 * @param events the same with one event each, end to end
	 * @param steady events at a steady 1,000 per second (200 in the smoke run)
	 * @param high events at a steady 5,000 per second, or 40% of the bare rate if lower (full scale
	 * only)
	 * @param drain the relay draining a backlog written straight into the outbox
	 * @param claimAndDelete PostgreSQL's own rate of claiming and deleting the same backlog, events
	 * per second (full scale only)
	 * @param modulith the Spring Modulith peer, end to end
	 * @param modulithSteady the Spring Modulith peer at a steady 1,000 events per second (full scale
	 * only)
	 */
	record Repetition(@Nullable RunResult bare, RunResult events, RunResult steady, @Nullable RunResult high,
			RunResult drain, double claimAndDelete, RunResult modulith, @Nullable RunResult modulithSteady) {

	}

}
