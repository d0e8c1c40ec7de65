package dev.events.jdbc;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database that holds the events tables: the outbox, the inbox and the shard leases.
 *
 * @param dataSource its DataSource, the one publishers' and handlers' transactions must use
 * @param dialect its dialect
 */
public record EventsDatabase(DataSource dataSource, JdbcDialect dialect) {

	/**
	 * Detect the dialect of a DataSource, and check what the dialect needs of the database.
	 * @param dataSource the DataSource holding the events tables
	 * @return the database
	 * @throws IllegalStateException if the database is not supported or not set up as
	 * {@code events} needs: MariaDB without strict SQL mode would truncate an inbox key that is
	 * too long instead of refusing it, and two events could then pass for one
	 */
	public static EventsDatabase of(DataSource dataSource) {
		JdbcDialect dialect = JdbcDialect.of(dataSource);
		if (dialect == JdbcDialect.MARIADB) {
			requireStrictMode(dataSource);
		}
		return new EventsDatabase(dataSource, dialect);
	}

	private static void requireStrictMode(DataSource dataSource) {
		String sqlMode = JdbcClient.create(dataSource).sql("SELECT @@SESSION.sql_mode").query(String.class).single();
		if (!sqlMode.toUpperCase(Locale.ROOT).contains("STRICT_")) {
			throw new IllegalStateException(("events needs MariaDB's strict SQL mode (STRICT_TRANS_TABLES, MariaDB's "
					+ "default), not sql_mode '%s': without it an event id or source too long for the inbox would be "
					+ "cut short, and two events could pass for one").formatted(sqlMode));
		}
	}

}
