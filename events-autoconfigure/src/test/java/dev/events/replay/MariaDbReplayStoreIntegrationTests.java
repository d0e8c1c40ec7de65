package dev.events.replay;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Replay requests and windows, on MariaDB.
 */
@RequiresMariaDb
class MariaDbReplayStoreIntegrationTests extends ReplayStoreIntegrationTests {

	MariaDbReplayStoreIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
