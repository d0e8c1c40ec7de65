package dev.events.consume;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.test.EmbeddedServices;

/**
 * Exactly-once handling through the inbox, on PostgreSQL.
 */
class PostgresqlExactlyOnceHandlingIntegrationTests extends ExactlyOnceHandlingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "exactly_once");
		registry.add("spring.datasource.url",
				() -> EmbeddedServices.postgresJdbcUrl("exactly_once") + "&reWriteBatchedInserts=true");
	}

}
