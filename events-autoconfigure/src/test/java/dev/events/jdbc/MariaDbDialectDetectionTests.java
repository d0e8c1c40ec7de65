package dev.events.jdbc;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB is detected through MariaDB's driver, and through MySQL's, which calls it MySQL.
 */
@RequiresMariaDb
class MariaDbDialectDetectionTests {

	@Test
	void mariaDbIsDetectedThroughItsOwnDriver() {
		assertThat(JdbcDialect.of(TestDatabase.MARIADB.dataSource("dialects"))).isEqualTo(JdbcDialect.MARIADB);
	}

	@Test
	void mariaDbIsDetectedThroughMySqlsDriver() {
		String url = TestDatabase.MARIADB.jdbcUrl("dialects").replace("jdbc:mariadb:", "jdbc:mysql:");
		DriverManagerDataSource throughMySqlDriver = new DriverManagerDataSource(url, "root", "");
		throughMySqlDriver.setDriverClassName("com.mysql.cj.jdbc.Driver");
		assertThat(JdbcDialect.of(throughMySqlDriver)).isEqualTo(JdbcDialect.MARIADB);
	}

}
