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
 * it is measured. The smoke scale (CI) checks correctness only; the full scale
 * ({@code -Dbenchmarks.scale=full}) runs every workload three times, side by side, and rewrites
 * {@code docs/benchmarks.md}. Nothing here asserts a speed: the report states it.
 */
class BenchmarksTests {

	private static final int SMOKE_RATE = 200;

	private static final int STEADY_RATE = 1_000;

	private static final int HIGH_RATE = 5_000;

	private static final double HIGH_RATE_SHARE_OF_BARE = 0.4;

	@Test
	void theStartersDefaultsEndToEndAndAtSteadyRates() {
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
			RunResult events = checked(new ServiceRun(cluster, "events-" + repetition, Workload.events(scale)).run());
			RunResult steady = checked(
					new ServiceRun(cluster, "steady-" + repetition, Workload.steady(scale, SMOKE_RATE)).run());
			RunResult drain = checked(new ServiceRun(cluster, "drain-" + repetition, Workload.drain(scale)).run());
			return new Repetition(null, events, steady, null, drain, 0);
		}
		RunResult bare = new ServiceRun(cluster, "bare-" + repetition, Workload.bare(scale)).run();
		RunResult events = checked(new ServiceRun(cluster, "events-" + repetition, Workload.events(scale)).run());
		RunResult steady = checked(
				new ServiceRun(cluster, "steady-" + repetition, Workload.steady(scale, STEADY_RATE)).run());
		int highRate = (int) Math.min(HIGH_RATE, HIGH_RATE_SHARE_OF_BARE * bare.rate());
		RunResult high = checked(new ServiceRun(cluster, "high-" + repetition, Workload.steady(scale, highRate)).run());
		RunResult drain = checked(new ServiceRun(cluster, "drain-" + repetition, Workload.drain(scale)).run());
		double claimAndDelete = OutboxBacklog.claimAndDeleteRate(cluster.dataSource(cluster.newDatabase()),
				scale.backlog());
		return new Repetition(bare, events, steady, high, drain, claimAndDelete);
	}

	/**
	 * Fail loudly if a run lost, duplicated or reordered an event: a fast wrong answer is not a
	 * result.
	 */
	private static RunResult checked(RunResult result) {
		KeyOrder order = result.order();
		int expected = result.workload().total();
		assertThat(expected - order.distinctEvents()).as("events lost").isZero();
		assertThat(order.duplicates()).as("events delivered twice").isZero();
		assertThat(order.violations()).as("per-key order violations").isEmpty();
		if (result.workload().handle()) {
			assertThat(result.handledMicros()).as("measured events handled").hasSize(result.workload().transactions());
			assertThat(result.handledAgain()).as("measured events handled twice").isZero();
		}
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
	 */
	record Repetition(@Nullable RunResult bare, RunResult events, RunResult steady, @Nullable RunResult high,
			RunResult drain, double claimAndDelete) {

	}

}
