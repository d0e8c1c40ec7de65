package dev.events.jdbc;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * MariaDB is detected through MariaDB's driver, and through MySQL's, which calls it MySQL; it
 * must run in strict SQL mode.
 */
@RequiresMariaDb
class MariaDbDialectDetectionTests {

	@Test
	void mariaDbIsDetectedThroughItsOwnDriver() {
		assertThat(JdbcDialect.of(TestDatabase.MARIADB.dataSource("dialects"))).isEqualTo(JdbcDialect.MARIADB);
	}

	@Test
	void mariaDbWithoutStrictModeIsRefusedNamingTheMode() {
		String url = TestDatabase.MARIADB.jdbcUrl("dialects") + "?sessionVariables=sql_mode='NO_ENGINE_SUBSTITUTION'";
		DriverManagerDataSource lenient = new DriverManagerDataSource(url, "root", "");
		assertThatIllegalStateException().isThrownBy(() -> EventsDatabase.of(lenient))
			.withMessageContaining("strict SQL mode")
			.withMessageContaining("NO_ENGINE_SUBSTITUTION");
		assertThat(EventsDatabase.of(TestDatabase.MARIADB.dataSource("dialects")).dialect())
			.isEqualTo(JdbcDialect.MARIADB);
	}

	@Test
	void mariaDbIsDetectedThroughMySqlsDriver() {
		String url = TestDatabase.MARIADB.jdbcUrl("dialects").replace("jdbc:mariadb:", "jdbc:mysql:");
		DriverManagerDataSource throughMySqlDriver = new DriverManagerDataSource(url, "root", "");
		throughMySqlDriver.setDriverClassName("com.mysql.cj.jdbc.Driver");
		assertThat(JdbcDialect.of(throughMySqlDriver)).isEqualTo(JdbcDialect.MARIADB);
	}

}
