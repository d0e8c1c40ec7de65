package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Taking over the shards of a dead relay, on MariaDB.
 */
@RequiresMariaDb
class MariaDbCrashedRelayTakeoverIntegrationTests extends CrashedRelayTakeoverIntegrationTests {

	MariaDbCrashedRelayTakeoverIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
