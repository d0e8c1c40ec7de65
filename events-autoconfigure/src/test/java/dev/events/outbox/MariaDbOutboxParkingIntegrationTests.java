package dev.events.outbox;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;
import dev.events.test.RequiresMariaDb;
import dev.events.test.TestDatabase;

/**
 * Parking events that cannot be sent, on MariaDB.
 */
@RequiresMariaDb
class MariaDbOutboxParkingIntegrationTests extends OutboxParkingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, TestDatabase.MARIADB, "relay_parking");
	}

}
