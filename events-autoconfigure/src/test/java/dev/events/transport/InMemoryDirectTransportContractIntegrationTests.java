package dev.events.transport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.support.TestApplication;
import dev.events.test.TestDatabase;

/**
 * The transport contract on the in-memory transport without an outbox: events go to the handlers
 * once their transaction commits; the inbox and the dead letters are in PostgreSQL.
 */
@SpringBootTest(classes = { TestApplication.class, TransportContract.Configuration.class },
		properties = { "events.transport=in-memory", "events.outbox.enabled=false",
				"spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.application.name=contract",
				"events.handlers.retry.max-attempts=3", "events.handlers.retry.initial-interval=20ms",
				"events.handlers.retry.max-interval=50ms" })
class InMemoryDirectTransportContractIntegrationTests extends TransportContract {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestDatabase.POSTGRESQL.register(registry, "contract_memory_direct");
	}

}
