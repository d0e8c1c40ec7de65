package dev.events.inbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Inbox cleanup in bounded batches, on MariaDB.
 */
@RequiresMariaDb
class MariaDbInboxCleanupIntegrationTests extends InboxCleanupIntegrationTests {

	MariaDbInboxCleanupIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
