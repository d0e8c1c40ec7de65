package dev.events.inbox;

import dev.events.test.TestDatabase;

/**
 * Inbox cleanup in bounded batches, on PostgreSQL.
 */
class PostgresqlInboxCleanupIntegrationTests extends InboxCleanupIntegrationTests {

	PostgresqlInboxCleanupIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
