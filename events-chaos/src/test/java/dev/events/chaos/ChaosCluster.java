package dev.events.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.chaos.app.ChaosEvent;
import dev.events.harness.FreePort;
import dev.events.harness.KafkaBroker;
import dev.events.harness.Postgres;
import dev.events.test.KafkaReset;

/**
 * The broker and the database of a chaos run, each in processes of their own under one work
 * directory, shared by its scenarios; each scenario gets a database and topics of its own.
 */
final class ChaosCluster implements AutoCloseable {

	private final Path workDir;

	private final KafkaBroker broker;

	private final Postgres postgres;

	private ChaosCluster(Path workDir, KafkaBroker broker, Postgres postgres) {
		this.workDir = workDir;
		this.broker = broker;
		this.postgres = postgres;
	}

	/**
	 * Start a broker and a database under a new directory of {@code target/chaos}.
	 * @return the running cluster
	 */
	static ChaosCluster start() {
		try {
			Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chaos")), "run-")
				.toAbsolutePath();
			ChaosCluster cluster = new ChaosCluster(workDir, KafkaBroker.format(workDir, FreePort.next(), FreePort.next()),
					new Postgres(workDir.resolve("postgres-data"), FreePort.next()));
			try {
				cluster.postgres.start();
				cluster.broker.start();
			}
			catch (RuntimeException ex) {
				cluster.close();
				throw ex;
			}
			return cluster;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	KafkaBroker broker() {
		return this.broker;
	}

	Postgres postgres() {
		return this.postgres;
	}

	Path workDir() {
		return this.workDir;
	}

	/**
	 * Give a scenario a new database and an empty topic, group and dead-letter topic.
	 * @param name the scenario's database name
	 * @return the database's JDBC URL
	 */
	String prepare(String name) {
		JdbcClient.create(this.postgres.dataSource("postgres")).sql("CREATE DATABASE " + name).update();
		KafkaReset.deleteTopicsAndGroups(this.broker.bootstrapServers(),
				List.of(ChaosEvent.TOPIC, ChaosEvent.DEAD_LETTER_TOPIC), List.of(ScenarioRun.GROUP));
		return this.postgres.jdbcUrl(name);
	}

	@Override
	public void close() {
		try {
			this.broker.stop();
		}
		finally {
			this.postgres.stop();
		}
	}

}
