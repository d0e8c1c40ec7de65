package dev.events.inbox;

import dev.events.test.TestDatabase;

/**
 * The inbox forgetting a range, on PostgreSQL.
 */
class PostgresqlInboxForgetIntegrationTests extends InboxForgetIntegrationTests {

	PostgresqlInboxForgetIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
