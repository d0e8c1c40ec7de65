package dev.events.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import dev.events.benchmarks.app.HandlerTimes;
import dev.events.benchmarks.app.Measured;
import dev.events.harness.FreePort;
import dev.events.harness.KafkaBroker;
import dev.events.harness.Postgres;
import dev.events.test.KafkaReset;

/**
 * The services the benchmarks run against, each a process of its own: a Kafka broker and
 * PostgreSQL, started once for all benchmark classes by {@link BenchmarkClusterExtension}. Every
 * service run gets a database of its own and a new topic: its handler's consumer group and a plain
 * consumer read only what it publishes.
 */
public final class BenchmarkCluster implements AutoCloseable {

	static final int PARTITIONS = 6;

	private static final String POSTGRES_DATA = "pg-data";

	private final Path workDir;

	private final KafkaBroker broker;

	private final Postgres postgres;

	private final AtomicInteger databases = new AtomicInteger();

	private BenchmarkCluster(Path workDir, KafkaBroker broker, Postgres postgres) {
		this.workDir = workDir;
		this.broker = broker;
		this.postgres = postgres;
	}

	static BenchmarkCluster start(Path workDir) {
		try {
			Files.createDirectories(workDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		KafkaBroker broker = KafkaBroker.format(workDir, FreePort.next(), FreePort.next());
		broker.start();
		Postgres postgres = new Postgres(workDir.resolve(POSTGRES_DATA), FreePort.next());
		postgres.start();
		return new BenchmarkCluster(workDir, broker, postgres);
	}

	/**
	 * Delete the topic and the handler's consumer group of the previous run, and create the topic
	 * anew.
	 */
	void resetTopic() {
		KafkaReset.deleteTopicsAndGroups(bootstrapServers(), List.of(Measured.TOPIC), List.of(HandlerTimes.HANDLER_ID));
		try (Admin admin = this.broker.admin()) {
			admin.createTopics(List.of(new NewTopic(Measured.TOPIC, PARTITIONS, (short) 1))).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not create the benchmark topic", ex);
		}
	}

	/**
	 * Return the directory of the services' data and of the runs' logs.
	 * @return the directory
	 */
	public Path workDir() {
		return this.workDir;
	}

	/**
	 * Return the broker's address.
	 * @return its bootstrap servers
	 */
	public String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	long brokerPid() {
		return this.broker.pid();
	}

	long postgresPid() {
		return this.postgres.pid();
	}

	/**
	 * Return the version of PostgreSQL.
	 * @return its server version
	 */
	public String postgresVersion() {
		return JdbcClient.create(this.postgres.dataSource("postgres"))
			.sql("SHOW server_version")
			.query(String.class)
			.single();
	}

	/**
	 * Return a data source of a run's database.
	 * @param jdbcUrl its JDBC URL
	 * @return a data source
	 */
	public DataSource dataSource(String jdbcUrl) {
		return this.postgres.dataSource(jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1));
	}

	/**
	 * Create a new database for a run.
	 * @return its JDBC URL
	 */
	public String newDatabase() {
		String name = "run_" + this.databases.incrementAndGet();
		JdbcClient.create(this.postgres.dataSource("postgres")).sql("CREATE DATABASE " + name).update();
		return this.postgres.jdbcUrl(name);
	}

	/**
	 * Drop a run's database, so that the autovacuum of its dead rows (millions after the drain and
	 * the housekeeping runs) does not take the CPU of the runs after it.
	 * @param jdbcUrl its JDBC URL
	 */
	public void dropDatabase(String jdbcUrl) {
		JdbcClient.create(this.postgres.dataSource("postgres"))
			.sql("DROP DATABASE " + jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1) + " WITH (FORCE)")
			.update();
	}

	/**
	 * Stop the broker and PostgreSQL and delete their data, gigabytes after a full run; the logs
	 * and profiles of the runs stay in the work directory.
	 */
	@Override
	public void close() {
		this.broker.stop();
		this.postgres.stop();
		try {
			FileSystemUtils.deleteRecursively(KafkaBroker.dataDirectory(this.workDir));
			FileSystemUtils.deleteRecursively(this.workDir.resolve(POSTGRES_DATA));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
