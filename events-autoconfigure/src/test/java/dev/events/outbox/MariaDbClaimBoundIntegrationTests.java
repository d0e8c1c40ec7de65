package dev.events.outbox;

import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * What the relay reads after sending later events, on MariaDB, where it reads from the lowest
 * sequence.
 */
@RequiresMariaDb
class MariaDbClaimBoundIntegrationTests extends ClaimBoundIntegrationTests {

	MariaDbClaimBoundIntegrationTests() {
		super(TestDatabase.MARIADB);
	}

}
