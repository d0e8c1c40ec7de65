package dev.events.inbox;

import dev.events.jdbc.JdbcDialect;

import dev.events.test.TestDatabase;

/**
 * What the inbox tells a handler about each event of a batch, on PostgreSQL.
 */
class PostgresqlInboxMarkReceivedIntegrationTests extends InboxMarkReceivedIntegrationTests {

	PostgresqlInboxMarkReceivedIntegrationTests() {
		super(TestDatabase.POSTGRESQL, JdbcDialect.POSTGRESQL);
	}

}
