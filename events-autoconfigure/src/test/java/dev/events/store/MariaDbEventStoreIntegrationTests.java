package dev.events.store;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.events.support.Instances;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * The event store on MariaDB.
 */
@RequiresMariaDb
class MariaDbEventStoreIntegrationTests extends EventStoreIntegrationTests {

	@Override
	SpringApplicationBuilder application(String database) {
		return Instances.on(TestDatabase.MARIADB, database);
	}

	/**
	 * InnoDB locks the gap where a missing stream's row would go: appends that create one stream
	 * at the same moment can deadlock, and those it rolls back fail with a conflict.
	 */
	@Override
	boolean createsOneStreamConcurrently() {
		return false;
	}

}
