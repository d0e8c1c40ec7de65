package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Relays sharing shards as instances join and leave, on MariaDB.
 */
@RequiresMariaDb
class MariaDbMultiInstanceRelayIntegrationTests extends MultiInstanceRelayIntegrationTests {

	MariaDbMultiInstanceRelayIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
