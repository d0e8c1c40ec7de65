package dev.events.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker in a process of its own, run from Kafka's jars on the test
 * classpath, with a log directory that outlives the process: {@code kill -9} it and start it
 * again, and it recovers its logs as a production broker would.
 */
public final class KafkaBroker {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private final int port;

	private final ChildProcess process;

	private KafkaBroker(int port, ChildProcess process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Return the log directory of a broker {@linkplain #format formatted} under a directory.
	 * @param workDir the directory the broker was formatted under
	 * @return its log directory
	 */
	public static Path dataDirectory(Path workDir) {
		return workDir.resolve("kafka-data");
	}

	/**
	 * Format a new log directory under {@code workDir} and describe a broker on it.
	 * @param workDir a directory of the run
	 * @param port the client port, kept across restarts so that clients find the broker again
	 * @param controllerPort the KRaft controller port
	 * @return the broker, not started
	 */
	public static KafkaBroker format(Path workDir, int port, int controllerPort) {
		Path config = workDir.resolve("kafka.properties");
		Path logback = workDir.resolve("kafka-logback.xml");
		try {
			Files.writeString(config, """
					process.roles=broker,controller
					node.id=1
					controller.quorum.voters=1@127.0.0.1:%2$d
					listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
					advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
					controller.listener.names=CONTROLLER
					listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
					log.dirs=%3$s
					offsets.topic.replication.factor=1
					offsets.topic.num.partitions=10
					transaction.state.log.replication.factor=1
					transaction.state.log.min.isr=1
					group.initial.rebalance.delay.ms=0
					auto.create.topics.enable=false
					""".formatted(port, controllerPort, dataDirectory(workDir)));
			Files.writeString(logback, """
					<configuration>
					  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
					    <encoder><pattern>%d %-5level %logger{30} %msg%n</pattern></encoder>
					  </appender>
					  <root level="WARN"><appender-ref ref="out"/></root>
					</configuration>
					""");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path log = workDir.resolve("kafka.log");
		ChildProcess.runToEnd("kafka-storage format", "kafka.tools.StorageTool",
				List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), log);
		ChildProcess broker = ChildProcess.java("kafka", "768m", List.of("-Dlogback.configurationFile=" + logback),
				"kafka.Kafka", List.of(config.toString()), log);
		return new KafkaBroker(port, broker);
	}

	/**
	 * Return the address clients connect to.
	 * @return the bootstrap servers
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Start the broker, unless it runs, and wait until it answers.
	 */
	public void start() {
		if (!this.process.isAlive()) {
			this.process.start();
		}
		awaitReady();
	}

	/**
	 * Return the operating system's id of the broker's process.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Kill the broker with {@code SIGKILL}.
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Freeze the broker with {@code SIGSTOP}.
	 */
	public void pause() {
		this.process.pause();
	}

	/**
	 * Thaw a frozen broker.
	 */
	public void resume() {
		this.process.resume();
	}

	/**
	 * Stop the broker politely.
	 */
	public void stop() {
		this.process.stop();
	}

	/**
	 * Return a new admin client of the broker, to be closed by the caller.
	 * @return the admin client
	 */
	public Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		try (Admin admin = admin()) {
			while (true) {
				try {
					admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
					admin.listTopics().names().get(5, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (System.nanoTime() > deadline || !this.process.isAlive()) {
						throw new IllegalStateException("The broker did not start; see " + this.process.log(), ex);
					}
					Pause.of(Duration.ofMillis(500));
				}
			}
		}
	}

}
