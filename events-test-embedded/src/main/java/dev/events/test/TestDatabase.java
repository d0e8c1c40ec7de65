package dev.events.test;

import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real databases tests can run on, each started once per JVM; a suite that must hold on
 * every database runs once per constant.
 */
public enum TestDatabase {

	/**
	 * The embedded PostgreSQL of {@link EmbeddedServices}.
	 */
	POSTGRESQL(EmbeddedServices::postgresJdbcUrl, "postgres", "postgres"),

	/**
	 * The {@link EmbeddedMariaDb}, from the machine's MariaDB installation.
	 */
	MARIADB(EmbeddedMariaDb::jdbcUrl, "root", "");

	private final Function<String, String> jdbcUrl;

	private final String username;

	private final String password;

	TestDatabase(Function<String, String> jdbcUrl, String username, String password) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the JDBC URL of a database of this server, starting the server and creating the
	 * database if needed.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public String jdbcUrl(String database) {
		return this.jdbcUrl.apply(database);
	}

	/**
	 * Return a DataSource, without a pool, on a database of this server.
	 * @param database the database name, created if missing
	 * @return the DataSource
	 */
	public DataSource dataSource(String database) {
		return new DriverManagerDataSource(jdbcUrl(database), this.username, this.password);
	}

	/**
	 * Point Spring's DataSource properties at a database of this server.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param database the database name, created if missing
	 */
	public void register(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.datasource.url", () -> jdbcUrl(database));
		registry.add("spring.datasource.username", () -> this.username);
		registry.add("spring.datasource.password", () -> this.password);
	}

	/**
	 * Return Spring's DataSource properties for a database of this server, as
	 * {@code name=value} pairs for an application builder.
	 * @param database the database name, created if missing
	 * @return the properties
	 */
	public String[] properties(String database) {
		return new String[] { "spring.datasource.url=" + jdbcUrl(database),
				"spring.datasource.username=" + this.username, "spring.datasource.password=" + this.password };
	}

}
