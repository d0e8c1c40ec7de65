package dev.events.jdbc;

import javax.sql.DataSource;

/**
 * The database that holds the events tables: the outbox, the inbox and the shard leases.
 *
 * @param dataSource its DataSource, the one publishers' and handlers' transactions must use
 * @param dialect its dialect
 */
public record EventsDatabase(DataSource dataSource, JdbcDialect dialect) {

	/**
	 * Detect the dialect of a DataSource.
	 * @param dataSource the DataSource holding the events tables
	 * @return the database
	 */
	public static EventsDatabase of(DataSource dataSource) {
		return new EventsDatabase(dataSource, JdbcDialect.of(dataSource));
	}

}
