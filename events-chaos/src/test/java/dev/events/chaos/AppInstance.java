package dev.events.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import dev.events.chaos.app.ChaosProperties;
import dev.events.harness.ChildProcess;

/**
 * An instance of the chaos application in a JVM of its own.
 */
final class AppInstance {

	private final ChildProcess process;

	private AppInstance(ChildProcess process) {
		this.process = process;
	}

	/**
	 * Describe an instance.
	 * @param name its name, which names its keys too
	 * @param plan what it publishes and whether it handles
	 * @param cluster the broker and database it runs against
	 * @param log the file its output is appended to
	 * @param settings more application properties, as {@code name=value}
	 * @return the instance, not started
	 */
	static AppInstance of(String name, Plan plan, ClusterAddress cluster, Path log, List<String> settings) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + cluster.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(), "--chaos.instance=" + name,
				"--chaos.events=" + plan.events(), "--chaos.keys=" + plan.keys(), "--chaos.rate=" + plan.rate(),
				"--chaos.handle=" + plan.handles(), "--logging.level.org.apache.kafka=WARN"));
		settings.forEach((setting) -> args.add("--" + setting));
		ChildProcess process = ChildProcess.java("instance " + name, "384m", List.of(),
				"dev.events.chaos.app.ChaosApplication", args, log);
		return new AppInstance(process);
	}

	void start() {
		this.process.start();
	}

	/**
	 * Wait for the instance to end by itself, as one told to crash does.
	 * @param timeout how long to wait
	 */
	void awaitExit(Duration timeout) {
		this.process.awaitExit(timeout);
	}

	/**
	 * Wait until the instance is frozen, as one told to freeze itself is.
	 * @param timeout how long to wait
	 */
	void awaitFrozen(Duration timeout) {
		this.process.awaitFrozen(timeout);
	}

	void kill() {
		this.process.kill();
	}

	void resume() {
		this.process.resume();
	}

	void stop() {
		this.process.stop();
	}

	Path log() {
		return this.process.log();
	}

	/**
	 * What an instance publishes and whether it handles events.
	 *
	 * @param events events in its plan, rolled-back ones included
	 * @param keys the keys they spread over
	 * @param rate events per second, 0 for as fast as it can
	 * @param handles whether its handler consumes
	 */
	record Plan(int events, int keys, int rate, boolean handles) {

		/**
		 * Return how many events the plan commits: all but the rolled-back ones.
		 * @return the committed events once the driver is done
		 */
		long commits() {
			return LongStream.range(0, this.events).filter((n) -> !ChaosProperties.rolledBack(n, this.keys)).count();
		}

		static Plan consumerOnly() {
			return new Plan(0, 1, 0, true);
		}

		Plan publishOnly() {
			return new Plan(this.events, this.keys, this.rate, false);
		}

	}

	/**
	 * Where an instance finds its broker and database.
	 *
	 * @param bootstrapServers the broker
	 * @param jdbcUrl the database
	 */
	record ClusterAddress(String bootstrapServers, String jdbcUrl) {
	}

}
