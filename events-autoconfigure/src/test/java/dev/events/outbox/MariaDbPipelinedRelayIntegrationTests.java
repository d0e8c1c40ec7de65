package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Reading the next batch while the last is sent, on MariaDB.
 */
@RequiresMariaDb
class MariaDbPipelinedRelayIntegrationTests extends PipelinedRelayIntegrationTests {

	MariaDbPipelinedRelayIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
