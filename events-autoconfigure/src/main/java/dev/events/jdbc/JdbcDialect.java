package dev.events.jdbc;

import java.sql.DatabaseMetaData;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
	POSTGRESQL("postgresql", "PostgreSQL", """
			INSERT INTO %1$s (%2$s) VALUES (%3$s) ON CONFLICT DO NOTHING
			""", "(CURRENT_TIMESTAMP + %s * INTERVAL '1 millisecond')"),

	/**
	 * H2, for embedded and test use. It accepts {@code ON CONFLICT} only in PostgreSQL mode.
	 */
	H2("h2", "H2", """
			INSERT INTO %1$s (%2$s) SELECT %3$s FROM (VALUES (0)) WHERE NOT EXISTS (SELECT 1 FROM %1$s WHERE %4$s)
			""", "DATEADD(MILLISECOND, %s, CURRENT_TIMESTAMP)");

	private final String migrationFolder;

	private final String productName;

	private final String insertIfAbsent;

	private final String databaseTimePlus;

	JdbcDialect(String migrationFolder, String productName, String insertIfAbsent, String databaseTimePlus) {
		this.migrationFolder = migrationFolder;
		this.productName = productName;
		this.insertIfAbsent = insertIfAbsent;
		this.databaseTimePlus = databaseTimePlus;
	}

	/**
	 * Return an expression for the database's current time plus a number of milliseconds, so
	 * that instances compare times on one clock, the database's, whatever their own say.
	 * @param milliseconds an expression for the milliseconds to add, such as a named parameter;
	 * negative to subtract
	 * @return the expression
	 */
	public String databaseTimePlus(String milliseconds) {
		return this.databaseTimePlus.formatted(milliseconds);
	}

	/**
	 * Return an insert of one row, with a positional parameter per column, that inserts
	 * nothing and reports no update when a row with the same key exists. Parameters are bound
	 * once in column order, then, for some dialects, once more per key column.
	 * @param table the table
	 * @param columns every column to insert, key columns first
	 * @param keyColumns how many of the first columns form the key
	 * @return the statement
	 */
	public String insertIfAbsent(String table, List<String> columns, int keyColumns) {
		String placeholders = String.join(", ", Collections.nCopies(columns.size(), "?"));
		String keyMatch = String.join(" AND ",
				columns.subList(0, keyColumns).stream().map((column) -> column + " = ?").toList());
		return this.insertIfAbsent.formatted(table, String.join(", ", columns), placeholders, keyMatch).strip();
	}

	/**
	 * Whether {@link #insertIfAbsent} binds the key columns a second time.
	 * @return whether the key is bound twice
	 */
	public boolean bindsKeyTwice() {
		return this == H2;
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
