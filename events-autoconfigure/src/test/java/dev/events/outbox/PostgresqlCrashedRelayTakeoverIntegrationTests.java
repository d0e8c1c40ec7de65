package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Taking over the shards of a dead relay, on PostgreSQL.
 */
class PostgresqlCrashedRelayTakeoverIntegrationTests extends CrashedRelayTakeoverIntegrationTests {

	PostgresqlCrashedRelayTakeoverIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
