package dev.events.inbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * The inbox keyed by source and id, on MariaDB.
 */
@RequiresMariaDb
class MariaDbInboxSourceIntegrationTests extends InboxSourceIntegrationTests {

	MariaDbInboxSourceIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
