package dev.events.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.events.benchmarks.app.HandlerTimes;
import dev.events.benchmarks.app.Measured;
import dev.events.benchmarks.workload.Micros;
import dev.events.benchmarks.workload.TimingFiles;
import dev.events.harness.ChildProcess;
import dev.events.harness.Pause;
import dev.events.harness.ProcessCpu;
import dev.events.test.ConsumerGroupLag;

/**
 * One run of a benchmark service: starts it on a database of its own, records the events it
 * publishes as they arrive, the CPU each process used while the measured transactions ran and
 * were delivered, and the service's own timings.
 */
final class ServiceRun {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	/**
	 * How long after the service's start, besides its warm-up, an inbox backlog falls out of its
	 * retention: once the service has started and warmed up, early in the measured phase.
	 */
	private static final Duration CLEANUP_DUE = Duration.ofSeconds(12);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMillis(500);

	private final BenchmarkCluster cluster;

	private final Service app;

	private final String name;

	private final Workload workload;

	private final Duration duplicateGrace;

	/**
	 * Describe a run.
	 * @param cluster the broker and PostgreSQL
	 * @param app the service to run
	 * @param name what its logs and results are called
	 * @param workload what it runs
	 * @param duplicateGrace how long a plain consumer goes on listening for duplicates after the
	 * last event arrived
	 */
	ServiceRun(BenchmarkCluster cluster, Service app, String name, Workload workload, Duration duplicateGrace) {
		this.cluster = cluster;
		this.app = app;
		this.name = name;
		this.workload = workload;
		this.duplicateGrace = duplicateGrace;
	}

	RunResult run() {
		this.cluster.resetTopic();
		Path output = this.cluster.workDir().resolve(this.name);
		String database = this.cluster.newDatabase();
		List<String> arguments = arguments(database, output);
		InboxBacklog inboxBacklog = null;
		if (this.workload.inboxBacklog() > 0) {
			inboxBacklog = InboxBacklog.fill(this.cluster.dataSource(database), this.workload.inboxBacklog());
			Duration dueIn = CLEANUP_DUE.plus(this.workload.warmupTime());
			arguments.add("--events.handlers.inbox.retention=" + inboxBacklog.retentionDueIn(dueIn).toMillis() + "ms");
			arguments.add("--events.handlers.inbox.cleanup-interval=" + CLEANUP_INTERVAL.toMillis() + "ms");
		}
		ChildProcess service = this.app.java(this.name, arguments, this.cluster.workDir().resolve(this.name + ".log"));
		boolean inMemory = this.workload.mode().inMemory();
		try (Arrivals arrivals = (this.workload.producesEvents() && !inMemory)
				? Arrivals.start(this.cluster.bootstrapServers(), Measured.TOPIC, BenchmarkCluster.PARTITIONS) : null) {
			service.start();
			if (inboxBacklog != null) {
				inboxBacklog.watch();
			}
			long start = awaitFile(output.resolve(TimingFiles.MEASURE_START), service).get("start");
			if (this.workload.backlog() > 0) {
				awaitFile(output.resolve(TimingFiles.WORKLOAD_END), service);
				OutboxBacklog.fill(this.cluster.dataSource(database), this.workload.backlog());
				start = Micros.now();
			}
			Cpu before = Cpu.of(service, this.cluster);
			long end = awaitFile(output.resolve(TimingFiles.WORKLOAD_END), service).get("end");
			if (inMemory) {
				end = awaitFile(output.resolve(TimingFiles.HANDLED_ALL), service).get("at");
			}
			else if (this.workload.mode().consumes()) {
				arrivals.await(this.workload.total(), TIMEOUT);
			}
			else if (arrivals != null) {
				end = arrivals.await(this.workload.total(), TIMEOUT)
					.stream()
					.filter(Arrivals.Arrival::measured)
					.mapToLong(Arrivals.Arrival::micros)
					.max()
					.orElse(end);
			}
			Cpu used = Cpu.of(service, this.cluster).minus(before);
			List<Arrivals.Arrival> arrived = List.of();
			if (arrivals != null) {
				Pause.of(this.duplicateGrace);
				arrived = arrivals.snapshot();
			}
			if (this.workload.handle() && !inMemory) {
				awaitHandled();
			}
			service.stop();
			InboxCleanup cleanup = (inboxBacklog != null) ? inboxBacklog.cleanup() : null;
			Map<String, Long> handledAgain = readIfPresent(output.resolve(TimingFiles.HANDLED_AGAIN));
			return new RunResult(this.workload, start, end, arrived, readIfPresent(output.resolve(TimingFiles.COMMITS)),
					readIfPresent(output.resolve(TimingFiles.HANDLED)), handledAgain.getOrDefault("repeated", 0L),
					handledAgain.getOrDefault("reordered", 0L), used, cleanup);
		}
		finally {
			service.stop();
			this.cluster.dropDatabase(database);
		}
	}

	private List<String> arguments(String database, Path output) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--spring.kafka.bootstrap-servers=" + this.cluster.bootstrapServers(), "--bench.output=" + output));
		arguments.addAll(this.workload.arguments());
		return arguments;
	}

	private void awaitHandled() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (ConsumerGroupLag.of(this.cluster.bootstrapServers(), HandlerTimes.HANDLER_ID, Measured.TOPIC)
			.values()
			.stream()
			.anyMatch((lag) -> lag > 0)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The handler did not catch up within " + TIMEOUT);
			}
			Pause.of(Duration.ofMillis(100));
		}
	}

	private static Map<String, Long> awaitFile(Path file, ChildProcess service) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!Files.exists(file)) {
			if (!service.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("No %s from %s; see %s".formatted(file.getFileName(), service,
						service.log()));
			}
			Pause.of(Duration.ofMillis(5));
		}
		return TimingFiles.read(file);
	}

	private static Map<String, Long> readIfPresent(Path file) {
		return Files.exists(file) ? TimingFiles.read(file) : Map.of();
	}

	/**
	 * What the cleanup of an inbox backlog did while a run was measured.
	 *
	 * @param rows the rows of the backlog
	 * @param dueMicros when they fell out of their retention
	 * @param doneMicros when the last was seen deleted, or 0 if rows were left at the run's end
	 */
	record InboxCleanup(int rows, long dueMicros, long doneMicros) {

		boolean finished() {
			return this.doneMicros > 0;
		}

		/**
		 * Return the rows deleted per second, from when they were due (the cleanup looks every
		 * half second) to the last.
		 * @return the rate
		 */
		double rowsPerSecond() {
			return this.rows * 1_000_000.0 / (this.doneMicros - this.dueMicros);
		}

	}

	/**
	 * CPU time of each process of a run.
	 *
	 * @param service the benchmark service
	 * @param serviceCompiler the part of it its JIT compiler threads used: a run measures a service
	 * that has finished compiling only if this is small
	 * @param broker the Kafka broker
	 * @param database PostgreSQL, all its processes
	 */
	record Cpu(Duration service, Duration serviceCompiler, Duration broker, Duration database) {

		static Cpu of(ChildProcess service, BenchmarkCluster cluster) {
			Duration compiler = ProcessCpu.ofThreads(service.pid(), (name) -> name.endsWith(" CompilerThre"));
			return new Cpu(ProcessCpu.of(service.pid()), compiler, ProcessCpu.of(cluster.brokerPid()),
					ProcessCpu.of(cluster.postgresPid()));
		}

		Cpu minus(Cpu earlier) {
			return new Cpu(this.service.minus(earlier.service), this.serviceCompiler.minus(earlier.serviceCompiler),
					this.broker.minus(earlier.broker), this.database.minus(earlier.database));
		}

	}

}
