package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * Changing the shard count while events flow, on PostgreSQL.
 */
class PostgresqlShardCountChangeIntegrationTests extends ShardCountChangeIntegrationTests {

	PostgresqlShardCountChangeIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
