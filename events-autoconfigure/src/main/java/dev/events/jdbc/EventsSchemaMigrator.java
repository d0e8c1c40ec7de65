package dev.events.jdbc;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;

/**
 * Creates and upgrades the tables of {@code events} with Flyway, apart from the application's
 * own migrations: its scripts live in {@code classpath:dev/events/db/migration/<vendor>} and its
 * history in the {@value #HISTORY_TABLE} table, so neither collides with the application's.
 */
public class EventsSchemaMigrator implements InitializingBean {

	/**
	 * The Flyway history table of the {@code events} schema.
	 */
	public static final String HISTORY_TABLE = "events_schema_history";

	private final DataSource dataSource;

	private final JdbcDialect dialect;

	/**
	 * Create a migrator.
	 * @param dataSource the data source whose database holds the tables
	 * @param dialect the database's dialect
	 */
	public EventsSchemaMigrator(DataSource dataSource, JdbcDialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
	}

	@Override
	public void afterPropertiesSet() {
		Flyway.configure(getClass().getClassLoader())
			.dataSource(this.dataSource)
			.table(HISTORY_TABLE)
			.locations("classpath:dev/events/db/migration/" + this.dialect.migrationFolder())
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

}
