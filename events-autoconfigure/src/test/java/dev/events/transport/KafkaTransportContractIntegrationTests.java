package dev.events.transport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;

/**
 * The transport contract on Kafka, the default transport: a broker and PostgreSQL.
 */
@SpringBootTest(classes = { TestApplication.class, TransportContract.Configuration.class },
		properties = { "spring.application.name=contract", "events.topics.contract-steps.partitions=2",
				"events.topics.contract-echoes.partitions=1",
				"events.handlers.retry.max-attempts=3", "events.handlers.retry.initial-interval=20ms",
				"events.handlers.retry.max-interval=50ms" })
class KafkaTransportContractIntegrationTests extends TransportContract {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "contract_kafka");
	}

}
