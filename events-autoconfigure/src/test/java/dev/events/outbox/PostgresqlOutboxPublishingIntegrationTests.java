package dev.events.outbox;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;

/**
 * Publishing through the outbox, on PostgreSQL.
 */
class PostgresqlOutboxPublishingIntegrationTests extends OutboxPublishingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "publishing");
	}

}
