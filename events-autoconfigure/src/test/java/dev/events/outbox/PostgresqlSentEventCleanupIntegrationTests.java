package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Sent events deleted after their retention in bounded batches, on PostgreSQL.
 */
class PostgresqlSentEventCleanupIntegrationTests extends SentEventCleanupIntegrationTests {

	PostgresqlSentEventCleanupIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
