package dev.events.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
	POSTGRESQL("postgresql", "PostgreSQL", "CURRENT_TIMESTAMP", "(CURRENT_TIMESTAMP + %s * INTERVAL '1 millisecond')"),

	/**
	 * MariaDB 10.7 or later (for its {@code UUID} type). Its clock is read in UTC, whatever the
	 * session's time zone.
	 */
	MARIADB("mariadb", "MariaDB", "UTC_TIMESTAMP(6)", "TIMESTAMPADD(MICROSECOND, %s * 1000, UTC_TIMESTAMP(6))"),

	/**
	 * H2, for embedded and test use.
	 */
	H2("h2", "H2", "CURRENT_TIMESTAMP", "DATEADD(MILLISECOND, %s, CURRENT_TIMESTAMP)");

	private final String migrationFolder;

	private final String productName;

	private final String databaseTime;

	private final String databaseTimePlus;

	JdbcDialect(String migrationFolder, String productName, String databaseTime, String databaseTimePlus) {
		this.migrationFolder = migrationFolder;
		this.productName = productName;
		this.databaseTime = databaseTime;
		this.databaseTimePlus = databaseTimePlus;
	}

	/**
	 * Return an expression for the database's current time, the clock that lease times are
	 * written and compared in.
	 * @return the expression
	 */
	public String databaseTime() {
		return this.databaseTime;
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
	 * Return an insert of one row, with a positional parameter per column bound once in column
	 * order, that reads no index before it writes: on PostgreSQL it inserts nothing and reports no
	 * update when a row with the same key exists, since a failed statement ends the transaction
	 * there; elsewhere it is a plain insert whose duplicate key fails the statement alone, with a
	 * {@link org.springframework.dao.DuplicateKeyException}. It takes no locks on index gaps on
	 * MariaDB, as an insert that first looks for the key would: those hold back other transactions
	 * inserting neighbouring keys until the one that took them commits, and deadlock two that
	 * insert the same missing key.
	 * @param table the table
	 * @param columns every column to insert
	 * @return the statement
	 */
	public String insertUnlessDuplicate(String table, List<String> columns) {
		String insert = "INSERT INTO %s (%s) VALUES (%s)".formatted(table, String.join(", ", columns),
				String.join(", ", Collections.nCopies(columns.size(), "?")));
		return (this == POSTGRESQL) ? insert + " ON CONFLICT DO NOTHING" : insert;
	}

	/**
	 * Return the placeholder of a time bound with {@link #bindTime}: on PostgreSQL an expression
	 * of epoch microseconds, since its driver formats an {@code OffsetDateTime} as text with a
	 * formatter it builds per statement (14% of the publishing threads in a profile); elsewhere a
	 * plain parameter.
	 * @return the placeholder
	 */
	public String timePlaceholder() {
		return (this == POSTGRESQL) ? "(TIMESTAMPTZ 'epoch' + ? * INTERVAL '1 microsecond')" : "?";
	}

	/**
	 * Bind a time to the parameter of a {@link #timePlaceholder}.
	 * @param statement the statement
	 * @param index the parameter's index
	 * @param time the time; PostgreSQL keeps microseconds
	 * @throws SQLException if the driver refuses it
	 */
	public void bindTime(PreparedStatement statement, int index, OffsetDateTime time) throws SQLException {
		if (this == POSTGRESQL) {
			statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant()));
		}
		else {
			statement.setObject(index, time);
		}
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
		DatabaseProduct product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource,
					(metaData) -> new DatabaseProduct(metaData.getDatabaseProductName(),
							metaData.getDatabaseProductVersion()));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database events should use", ex);
		}
		return Arrays.stream(values())
			.filter(product::is)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(("events keeps its outbox and inbox in %s, not in %s %s: "
					+ "point it at a DataSource of one of those with @EventsDataSource or events.jdbc.data-source")
				.formatted(supportedProducts(), product.name(), product.version())));
	}

	private static String supportedProducts() {
		List<String> names = Arrays.stream(values()).map((dialect) -> dialect.productName).toList();
		return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
	}

	/**
	 * A database product as its JDBC driver names it. MySQL's driver calls MariaDB MySQL, but
	 * its version says MariaDB.
	 */
	private record DatabaseProduct(String name, String version) {

		boolean is(JdbcDialect dialect) {
			return dialect.productName.equalsIgnoreCase(this.name)
					|| (dialect == MARIADB && this.version.toLowerCase(Locale.ROOT).contains("mariadb"));
		}

	}

}
