package dev.events.deadletter;

import dev.events.jdbc.JdbcDialect;
import dev.events.test.TestDatabase;

/**
 * What the dead letters of one key lock, on PostgreSQL.
 */
class PostgresqlDeadLetterStoreLockingIntegrationTests extends DeadLetterStoreLockingIntegrationTests {

	PostgresqlDeadLetterStoreLockingIntegrationTests() {
		super(TestDatabase.POSTGRESQL, JdbcDialect.POSTGRESQL);
	}

}
