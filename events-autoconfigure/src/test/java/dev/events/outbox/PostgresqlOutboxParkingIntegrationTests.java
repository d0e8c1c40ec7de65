package dev.events.outbox;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;

/**
 * Parking events that cannot be sent, on PostgreSQL.
 */
class PostgresqlOutboxParkingIntegrationTests extends OutboxParkingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "relay_parking");
	}

}
