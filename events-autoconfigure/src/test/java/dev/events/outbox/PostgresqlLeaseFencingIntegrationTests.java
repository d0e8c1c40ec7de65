package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Lease fencing in database time, on PostgreSQL.
 */
class PostgresqlLeaseFencingIntegrationTests extends LeaseFencingIntegrationTests {

	PostgresqlLeaseFencingIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
