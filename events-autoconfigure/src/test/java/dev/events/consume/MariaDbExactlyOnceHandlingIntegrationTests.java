package dev.events.consume;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Exactly-once handling through the inbox, on MariaDB.
 */
@RequiresMariaDb
class MariaDbExactlyOnceHandlingIntegrationTests extends ExactlyOnceHandlingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, TestDatabase.MARIADB, "exactly_once");
	}

}
