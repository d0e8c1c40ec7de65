package dev.events.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server in processes of its own, on a data directory that survives a stop: stop it
 * and start it again, and it comes back with every committed row.
 */
public final class Postgres {

	private final Path dataDirectory;

	private final int port;

	private @Nullable EmbeddedPostgres server;

	/**
	 * Describe a server; nothing starts until {@link #start()}.
	 * @param dataDirectory its data directory, created by the first start
	 * @param port its port
	 */
	public Postgres(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	/**
	 * Start the server, unless it runs.
	 */
	public void start() {
		if (this.server != null) {
			return;
		}
		try {
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("max_connections", "200")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the server with {@code pg_ctl stop}: every connection is cut. {@link #start()} starts
	 * it again on the same data.
	 */
	public void stop() {
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server = null;
		}
	}

	/**
	 * Return the operating system's id of the server's main process, the parent of its others.
	 * @return the pid
	 */
	public long pid() {
		try {
			return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the JDBC URL of a database of the server; user and password are {@code postgres}.
	 * @param database the database
	 * @return its URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * Return a DataSource, without a pool, on a database of the server.
	 * @param database the database
	 * @return the DataSource
	 */
	public DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl(database));
		dataSource.setUser("postgres");
		dataSource.setPassword("postgres");
		return dataSource;
	}

}
