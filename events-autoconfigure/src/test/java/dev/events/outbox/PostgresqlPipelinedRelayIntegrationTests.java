package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Reading the next batch while the last is sent, on PostgreSQL.
 */
class PostgresqlPipelinedRelayIntegrationTests extends PipelinedRelayIntegrationTests {

	PostgresqlPipelinedRelayIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
