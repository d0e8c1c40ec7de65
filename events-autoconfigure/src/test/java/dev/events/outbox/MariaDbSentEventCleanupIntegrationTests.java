package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Sent events deleted after their retention in bounded batches, on MariaDB.
 */
@RequiresMariaDb
class MariaDbSentEventCleanupIntegrationTests extends SentEventCleanupIntegrationTests {

	MariaDbSentEventCleanupIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
