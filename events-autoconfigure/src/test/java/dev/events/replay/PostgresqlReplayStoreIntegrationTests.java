package dev.events.replay;

import dev.events.test.TestDatabase;

/**
 * Replay requests and windows, on PostgreSQL.
 */
class PostgresqlReplayStoreIntegrationTests extends ReplayStoreIntegrationTests {

	PostgresqlReplayStoreIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
