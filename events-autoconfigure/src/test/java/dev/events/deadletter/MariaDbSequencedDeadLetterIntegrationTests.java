package dev.events.deadletter;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Dead letters in order per key, on MariaDB.
 */
@RequiresMariaDb
class MariaDbSequencedDeadLetterIntegrationTests extends SequencedDeadLetterIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, TestDatabase.MARIADB, "dead_letters");
	}

}
