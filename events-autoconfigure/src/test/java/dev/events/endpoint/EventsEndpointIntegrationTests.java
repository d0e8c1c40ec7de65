package dev.events.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.EventsEndpointClient;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code events} endpoint over HTTP, exposed on the management port: the read view of
 * handlers, outbox and publisher, and every dead-letter and parked-event operation, with values
 * masked by default.
 */
@SpringBootTest(classes = { TestApplication.class, EventsEndpointIntegrationTests.TicketHandler.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health,events",
				"events.topics.tickets.partitions=2", "events.handlers.retry.max-attempts=1",
				"events.health.dead-letters.cache-duration=100ms" })
class EventsEndpointIntegrationTests {

	private static final String HANDLER = "ticket-handler";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "events_endpoint");
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;
	EventsEndpointClient http;

	@BeforeEach
	void client() {
		this.http = new EventsEndpointClient(this.managementPort);
	}

	@Test
	@SuppressWarnings("unchecked")
	void readViewShowsHandlersOutboxAndPublisher() {
		this.publisher.publish(new Ticket("t-read", 1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Object> events = get("", Map.class);
			Map<String, Object> handler = (Map<String, Object>) ((Map<String, Object>) events.get("handlers"))
				.get(HANDLER);
			assertThat(handler).containsEntry("group", HANDLER)
				.containsEntry("topics", List.of("tickets"))
				.containsEntry("types", List.of("dev.events.test.Ticket"))
				.containsEntry("running", true)
				.containsEntry("paused", false)
				.containsEntry("deadLetterDestination", "DATABASE")
				.containsEntry("sequenced", true);
			assertThat((List<String>) handler.get("assignedPartitions")).containsExactly("tickets-0", "tickets-1");
			Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) handler.get("lag");
			assertThat(lag).containsOnlyKeys("tickets-0", "tickets-1");
			assertThat(lag.values()).allSatisfy((partition) -> assertThat(partition).containsEntry("lag", 0));
			assertThat((Map<String, Object>) events.get("outbox")).containsEntry("pending", 0)
				.containsEntry("parked", 0)
				.containsEntry("relay", "running")
				.containsKey("shardOwners");
			assertThat((Map<String, Object>) ((Map<String, Object>) events.get("outbox")).get("shardOwners"))
				.hasSize(16)
				.allSatisfy((shard, owner) -> assertThat(owner).isNotNull());
			assertThat((Map<String, Object>) events.get("publisher")).containsEntry("mode", "outbox")
				.containsEntry("cloudEvents", "BINARY");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void deadLettersAreListedShownRetriedAndDiscardedWithValuesMasked() {
		TicketHandler.failing = "t-dead:1";
		for (int step = 1; step <= 3; step++) {
			this.publisher.publish(new Ticket("t-dead", step));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/dead-letters?handler=" + HANDLER + "&key=t-dead", List.class))
				.hasSize(3));
		List<Map<String, Object>> listed = get("/dead-letters?handler=" + HANDLER + "&key=t-dead", List.class);
		assertThat(listed).extracting((deadLetter) -> deadLetter.get("reason"))
			.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND", "QUEUED_BEHIND");
		assertThat(listed.get(0)).containsEntry("payload", "******").containsEntry("key", "t-dead");
		assertThat((Map<String, Object>) listed.get(0).get("headers")).containsEntry("ce_type", "******");
		assertThat(get("/dead-letters?reason=QUEUED_BEHIND&handler=" + HANDLER + "&size=1", List.class)).hasSize(1);
		Number headId = (Number) listed.get(0).get("id");
		assertThat(get("/dead-letters/" + headId, Map.class)).containsEntry("cause",
				"java.lang.IllegalStateException: Failing on t-dead:1, on purpose");
		assertThat(this.http.status("/dead-letters/999999"))
			.isEqualTo(HttpStatus.NOT_FOUND);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(eventsHealthStatus()).isEqualTo(
				"DEGRADED"));

		assertThat(post("/dead-letters/retry", Map.of("handler", HANDLER, "key", "t-dead")).getBody())
			.containsEntry("handled", 0)
			.containsEntry("stillFailing", List.of(headId.intValue()));
		assertThat(post("/dead-letters/discard", Map.of("id", headId)).getBody()).containsEntry("handled", 2);
		assertThat(TicketHandler.handled).containsSubsequence("t-dead:2", "t-dead:3").doesNotContain("t-dead:1");
		assertThat(get("/dead-letters?handler=" + HANDLER + "&key=t-dead", List.class)).isEmpty();

		TicketHandler.failing = "t-again:1";
		this.publisher.publish(new Ticket("t-again", 1));
		this.publisher.publish(new Ticket("t-again", 2));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/dead-letters?key=t-again", List.class)).hasSize(2));
		TicketHandler.failing = "";
		assertThat(post("/dead-letters/retry", Map.of("handler", HANDLER)).getBody()).containsEntry("handled", 2);
		assertThat(TicketHandler.handled).containsSubsequence("t-again:1", "t-again:2");

		TicketHandler.failing = "t-gone:1";
		this.publisher.publish(new Ticket("t-gone", 1));
		this.publisher.publish(new Ticket("t-gone", 2));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/dead-letters?key=t-gone", List.class)).hasSize(2));
		assertThat(post("/dead-letters/discard", Map.of("handler", HANDLER, "key", "t-gone")).getBody())
			.containsEntry("discarded", 2);
		assertThat(get("/dead-letters?key=t-gone", List.class)).isEmpty();
		assertThat(TicketHandler.handled).doesNotContain("t-gone:1", "t-gone:2");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(eventsHealthStatus()).isEqualTo("UP"));
	}

	@Test
	void parkedEventsAreListedRetriedAndDiscarded() {
		assertThat(get("/parked", List.class)).isEmpty();
		assertThat(post("/parked/retry", Map.of()).getBody()).containsEntry("retried", 0);
		assertThat(post("/parked/retry", Map.of("eventId", "0d1f3e2a-0000-4000-8000-000000000000")).getBody())
			.containsEntry("retried", 0);
		assertThat(post("/parked/discard", Map.of("eventId", "0d1f3e2a-0000-4000-8000-000000000000")).getBody())
			.containsEntry("discarded", 0);
	}

	@Test
	void badRequestsAreRefusedNamingWhatIsWrong() {
		assertThat(post("/parked/discard", Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/parked/retry", Map.of("eventId", "not-a-uuid")).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/dead-letters/retry", Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/dead-letters/explode", Map.of("id", 1)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/elsewhere/retry", Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.status("/elsewhere"))
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	private <T> T get(String path, Class<T> type) {
		return this.http.get(path, type);
	}

	@SuppressWarnings("rawtypes")
	private ResponseEntity<Map> post(String path, Map<String, ?> body) {
		return this.http.post(path, body);
	}

	@SuppressWarnings("unchecked")
	private String eventsHealthStatus() {
		Map<String, Object> health = RestClient.create("http://localhost:" + this.managementPort + "/actuator/health")
			.get()
			.retrieve()
			.body(Map.class);
		return (String) health.get("status");
	}

	static class TicketHandler {

		static final Queue<String> handled = new ConcurrentLinkedQueue<>();

		static volatile String failing = "";

		@EventHandler(id = HANDLER)
		void handle(Ticket ticket) {
			String name = ticket.ticketId() + ":" + ticket.step();
			if (name.equals(failing)) {
				throw new IllegalStateException("Failing on " + name + ", on purpose");
			}
			AfterCommit.run(() -> handled.add(name));
		}

	}

	@DomainEvent(type = "dev.events.test.Ticket", topic = "tickets", key = "ticketId")
	record Ticket(String ticketId, int step) {
	}

}
