package dev.events.deadletter;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;

/**
 * Dead letters in order per key, on PostgreSQL.
 */
class PostgresqlSequencedDeadLetterIntegrationTests extends SequencedDeadLetterIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "dead_letters");
	}

}
