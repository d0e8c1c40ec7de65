package dev.events.inbox;

import dev.events.jdbc.JdbcDialect;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * What the inbox tells a handler about each event of a batch, on MariaDB.
 */
@RequiresMariaDb
class MariaDbInboxMarkReceivedIntegrationTests extends InboxMarkReceivedIntegrationTests {

	MariaDbInboxMarkReceivedIntegrationTests() {
		super(TestDatabase.MARIADB, JdbcDialect.MARIADB);
	}

}
