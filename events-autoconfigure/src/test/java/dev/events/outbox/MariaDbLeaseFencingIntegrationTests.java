package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Lease fencing in database time, on MariaDB.
 */
@RequiresMariaDb
class MariaDbLeaseFencingIntegrationTests extends LeaseFencingIntegrationTests {

	MariaDbLeaseFencingIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
