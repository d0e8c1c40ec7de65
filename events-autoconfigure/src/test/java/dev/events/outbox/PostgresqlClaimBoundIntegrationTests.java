package dev.events.outbox;

import dev.events.test.TestDatabase;

/**
 * What the relay reads after sending later events, on PostgreSQL, where it reads within a
 * {@link ClaimBound}.
 */
class PostgresqlClaimBoundIntegrationTests extends ClaimBoundIntegrationTests {

	PostgresqlClaimBoundIntegrationTests() {
		super(TestDatabase.POSTGRESQL);
	}

}
