package dev.events.inbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * The inbox forgetting a range, on MariaDB.
 */
@RequiresMariaDb
class MariaDbInboxForgetIntegrationTests extends InboxForgetIntegrationTests {

	MariaDbInboxForgetIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
