package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Relays sharing shards as instances join and leave, on PostgreSQL.
 */
class PostgresqlMultiInstanceRelayIntegrationTests extends MultiInstanceRelayIntegrationTests {

	PostgresqlMultiInstanceRelayIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
