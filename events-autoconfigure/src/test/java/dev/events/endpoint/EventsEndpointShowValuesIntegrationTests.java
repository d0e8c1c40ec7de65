package dev.events.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code management.endpoint.events.show-values=always}, the endpoint shows the header and
 * payload values of dead letters.
 */
@SpringBootTest(classes = { TestApplication.class, EventsEndpointShowValuesIntegrationTests.RefusingHandler.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=events",
				"management.endpoint.events.show-values=always", "events.topics.refunds.partitions=1",
				"events.handlers.retry.max-attempts=1" })
class EventsEndpointShowValuesIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "events_endpoint_values");
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void valuesAreShownWhenTheSettingSaysAlways() {
		this.publisher.publish(new Refund("r-1", 4200));
		RestClient http = RestClient.create("http://localhost:" + this.managementPort + "/actuator/events");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(http.get().uri("/dead-letters?key=r-1").retrieve().body(List.class))
				.hasSize(1));
		Map<String, Object> deadLetter = (Map<String, Object>) http.get()
			.uri("/dead-letters?key=r-1")
			.retrieve()
			.body(List.class)
			.get(0);
		assertThat(deadLetter.get("payload")).isEqualTo("{\"refundId\":\"r-1\",\"cents\":4200}");
		assertThat((Map) deadLetter.get("headers")).containsEntry("ce_type", "dev.events.test.Refund");
	}

	static class RefusingHandler {

		@EventHandler(id = "refund-handler")
		void handle(Refund refund) {
			throw new IllegalStateException("Refusing, on purpose");
		}

	}

	@DomainEvent(type = "dev.events.test.Refund", topic = "refunds", key = "refundId")
	record Refund(String refundId, int cents) {
	}

}
