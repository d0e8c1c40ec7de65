package dev.events.deadletter;

import dev.events.jdbc.JdbcDialect;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * What the dead letters of one key lock, on MariaDB.
 */
@RequiresMariaDb
class MariaDbDeadLetterStoreLockingIntegrationTests extends DeadLetterStoreLockingIntegrationTests {

	MariaDbDeadLetterStoreLockingIntegrationTests() {
		super(TestDatabase.MARIADB, JdbcDialect.MARIADB);
	}

}
