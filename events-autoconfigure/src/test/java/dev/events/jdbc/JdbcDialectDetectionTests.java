package dev.events.jdbc;

import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The dialect comes from the database behind the DataSource, asked through its driver; a
 * database {@code events} does not support fails with the ones it does.
 */
class JdbcDialectDetectionTests {

	@Test
	void postgresqlIsDetected() {
		assertThat(JdbcDialect.of(TestDatabase.POSTGRESQL.dataSource("dialects"))).isEqualTo(JdbcDialect.POSTGRESQL);
	}

	@Test
	void h2IsDetected() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + UUID.randomUUID());
		assertThat(JdbcDialect.of(h2)).isEqualTo(JdbcDialect.H2);
	}

	@Test
	void unsupportedDatabaseFailsNamingTheSupportedOnes() {
		DriverManagerDataSource hsqldb = new DriverManagerDataSource("jdbc:hsqldb:mem:" + UUID.randomUUID(), "sa", "");
		assertThatIllegalStateException().isThrownBy(() -> JdbcDialect.of(hsqldb))
			.withMessageStartingWith("events keeps its outbox and inbox in PostgreSQL, MariaDB or H2, not in "
					+ "HSQL Database Engine 2.7.3")
			.withMessageContaining("@EventsDataSource or events.jdbc.data-source");
	}

}
