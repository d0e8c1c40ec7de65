package dev.events.jdbc;

import java.sql.DatabaseMetaData;
import java.util.Arrays;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases {@code events} stores its tables in, and the few places where they differ.
 */
public enum JdbcDialect {

	/**
	 * PostgreSQL, the first-class production database.
	 */
	POSTGRESQL("postgresql", "PostgreSQL"),

	/**
	 * H2, for embedded and test use.
	 */
	H2("h2", "H2");

	private final String migrationFolder;

	private final String productName;

	JdbcDialect(String migrationFolder, String productName) {
		this.migrationFolder = migrationFolder;
		this.productName = productName;
	}

	/**
	 * Return the folder, under {@code dev/events/db/migration}, of this database's migrations.
	 * @return the folder name
	 */
	public String migrationFolder() {
		return this.migrationFolder;
	}

	/**
	 * Return the dialect of the database behind a data source.
	 * @param dataSource the data source
	 * @return its dialect
	 * @throws IllegalStateException if the database is not supported or cannot be reached
	 */
	public static JdbcDialect of(DataSource dataSource) {
		String productName;
		try {
			productName = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database events should use", ex);
		}
		return Arrays.stream(values())
			.filter((dialect) -> dialect.productName.equalsIgnoreCase(productName))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(("events supports %s, not %s: set events.outbox.enabled=false, "
					+ "or provide your own OutboxStore bean")
				.formatted(Arrays.toString(values()).toLowerCase(Locale.ROOT), productName)));
	}

}
