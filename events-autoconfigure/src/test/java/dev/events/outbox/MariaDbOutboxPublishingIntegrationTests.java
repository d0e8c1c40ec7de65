package dev.events.outbox;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Publishing through the outbox, on MariaDB.
 */
@RequiresMariaDb
class MariaDbOutboxPublishingIntegrationTests extends OutboxPublishingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, TestDatabase.MARIADB, "publishing");
	}

}
