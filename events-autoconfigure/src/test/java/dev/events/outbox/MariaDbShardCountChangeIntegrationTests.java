package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Changing the shard count while events flow, on MariaDB.
 */
@RequiresMariaDb
class MariaDbShardCountChangeIntegrationTests extends ShardCountChangeIntegrationTests {

	MariaDbShardCountChangeIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
