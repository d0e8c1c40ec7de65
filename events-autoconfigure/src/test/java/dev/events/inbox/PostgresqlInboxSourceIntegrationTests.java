package dev.events.inbox;

import dev.events.test.TestDatabase;

/**
 * The inbox keyed by source and id, on PostgreSQL.
 */
class PostgresqlInboxSourceIntegrationTests extends InboxSourceIntegrationTests {

	PostgresqlInboxSourceIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
