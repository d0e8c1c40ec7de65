package dev.events.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;

import static dev.events.test.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end over HTTP, against a real Kafka broker and a real PostgreSQL: orders go
 * from PLACED to SHIPPED, bad requests store nothing, a declined order is dead-lettered and
 * shows in health, metrics and the events endpoint until an operator raises billing's limit and
 * retries it; an event-sourced account keeps its balance rule and its statement fills from Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "events.handlers.retry.initial-interval=100ms",
				"events.health.dead-letters.cache-duration=100ms" })
class SampleApplicationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "sample");
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	JdbcClient jdbc;

	RestClient http;

	RestClient management;

	RestClient operator;

	@BeforeEach
	void client() {
		this.http = client(this.port).build();
		this.management = client(this.managementPort).build();
		this.operator = client(this.managementPort).defaultHeaders((headers) -> headers.setBasicAuth("operator",
				"operator")).build();
	}

	private static RestClient.Builder client(int port) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
	}

	@Test
	void placedOrderIsInvoicedAndShipped() {
		ResponseEntity<Map> placed = placeOrder("acme", "{\"customerId\":\"c-1\",\"amount\":42.50}");
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(placed.getBody()).containsEntry("status", "PLACED").containsEntry("customerId", "c-1");
		String id = (String) placed.getBody().get("id");
		assertThat(placed.getHeaders().getLocation()).hasToString("/orders/" + id);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(order("acme", id).getBody()).containsEntry("status", "SHIPPED"));
		assertThat(order("globex", id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM invoices WHERE order_id = ?::uuid")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void requestsWithoutTenantOrWithAnInvalidBodyAreRefusedAndStoreNothing() {
		long before = orderCount();
		ResponseEntity<Map> noTenant = this.http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"customerId\":\"c-1\",\"amount\":1}")
			.retrieve()
			.toEntity(Map.class);
		assertThat(noTenant.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noTenant.getBody().get("detail").toString()).contains("X-Tenant-Id");

		ResponseEntity<Map> invalid = placeOrder("acme", "{\"customerId\":\"\",\"amount\":-1}");
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(invalid.getBody().get("detail").toString()).contains("customerId: must not be blank")
			.contains("amount: must be greater than or equal to 0.01");

		ResponseEntity<Map> unreadable = placeOrder("acme", "{\"customerId\":\"c-1\",\"amount\":\"lots\"}");
		assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unreadable.getBody().get("detail").toString()).contains("not valid JSON for this request");
		assertThat(orderCount()).isEqualTo(before);
	}

	@Test
	@SuppressWarnings("unchecked")
	void declinedOrderIsADeadLetterUntilAnOperatorRaisesTheLimitAndRetriesIt() {
		String declined = (String) placeOrder("acme", "{\"customerId\":\"c-2\",\"amount\":20000}").getBody().get("id");
		String fine = (String) placeOrder("acme", "{\"customerId\":\"c-3\",\"amount\":10}").getBody().get("id");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(order("acme", fine).getBody()).containsEntry("status", "SHIPPED"));
		List<ConsumerRecord<String, byte[]>> copies = TopicReader.readRaw("orders.dlt", 1);
		assertThat(copies).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(declined);
			assertThat(header(record, "events_dlt_reason")).isEqualTo("HANDLER_FAILED");
			assertThat(header(record, "kafka_dlt-exception-fqcn")).endsWith("PaymentDeclinedException");
		});
		assertThat(order("acme", declined).getBody()).containsEntry("status", "PLACED");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> events = eventsHealth();
			assertThat(events).containsEntry("status", "DEGRADED");
			Map<String, Object> details = (Map<String, Object>) events.get("details");
			assertThat(((Number) details.get("deadLettered")).longValue()).isPositive();
			assertThat(details).containsKeys("kafka", "outbox", "handlers", "deadLetters");
			assertThat(details.get("deadLetters").toString()).contains("billing={HANDLER_FAILED=1}");
		});
		assertThat(this.operator.get()
			.uri("/actuator/metrics/events.dead.letters?tag=handler:billing&tag=reason:HANDLER_FAILED")
			.retrieve()
			.body(Map.class)
			.get("measurements")
			.toString()).contains("value=1.0");

		String deadLetters = "/actuator/events/dead-letters?handler=billing&key=" + declined;
		assertThat(this.management.get().uri(deadLetters).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		List<Map<String, Object>> listed = this.operator.get().uri(deadLetters).retrieve().body(List.class);
		assertThat(listed).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter).containsEntry("reason", "HANDLER_FAILED");
			assertThat((String) deadLetter.get("cause")).contains("above the billing limit of 10000");
			assertThat((String) deadLetter.get("payload")).contains("\"amount\":20000");
		});

		assertThat(this.http.put().uri("/billing/limit").contentType(MediaType.APPLICATION_JSON)
			.body("{\"limit\":50000}").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(client(this.port).defaultHeaders((headers) -> headers.setBasicAuth("operator", "operator"))
			.build()
			.put()
			.uri("/billing/limit")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"limit\":50000}")
			.retrieve()
			.body(Map.class)).containsEntry("limit", 50000);
		Map<String, Object> retried = this.operator.post()
			.uri("/actuator/events/dead-letters/retry")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("handler", "billing", "key", declined))
			.retrieve()
			.body(Map.class);
		assertThat(retried).containsEntry("handled", 1).containsEntry("stillFailing", List.of());

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(order("acme", declined).getBody()).containsEntry("status", "SHIPPED"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(eventsHealth()).containsEntry("status", "UP"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void accountIsFoldedFromItsEventsRefusesAnOverdraftAndItsStatementFillsFromKafka() {
		ResponseEntity<Map> opened = accountRequest("/accounts", "acme", "{\"owner\":\"Ada\"}");
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = (String) opened.getBody().get("id");
		assertThat(opened.getHeaders().getLocation()).hasToString("/accounts/" + id);
		assertThat(accountRequest("/accounts/" + id + "/credits", "acme", "{\"amount\":100}").getBody())
			.containsEntry("balance", 100).containsEntry("version", 2);
		assertThat(accountRequest("/accounts/" + id + "/debits", "acme", "{\"amount\":30.50}").getBody())
			.containsEntry("balance", 69.50);
		ResponseEntity<Map> overdraft = accountRequest("/accounts/" + id + "/debits", "acme", "{\"amount\":70}");
		assertThat(overdraft.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(overdraft.getBody().get("detail").toString()).contains("its balance is 69.50");

		assertThat(account("acme", id).getBody()).containsEntry("owner", "Ada")
			.containsEntry("balance", 69.50)
			.containsEntry("version", 3);
		assertThat(account("globex", id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(accountRequest("/accounts/" + id + "/credits", "globex", "{\"amount\":1}").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.http.get()
			.uri("/accounts/{id}/statement", id)
			.header("X-Tenant-Id", "acme")
			.retrieve()
			.body(List.class)).extracting((line) -> ((Map<String, Object>) line).get("amount"))
			.containsExactly(0.0, 100.0, -30.5));
		assertThat(TopicReader.readUntil("accounts",
				(read) -> read.stream().filter((record) -> ("account-" + id).equals(record.key())).count() == 3,
				Duration.ofSeconds(30)))
			.filteredOn((record) -> ("account-" + id).equals(record.key()))
			.extracting((record) -> record.value().getType())
			.containsExactly("dev.events.sample.AccountOpened", "dev.events.sample.AccountCredited",
					"dev.events.sample.AccountDebited");
	}

	@Test
	void badAccountRequestsAreRefusedAndAppendNothing() {
		long before = storedEventCount();
		assertThat(accountRequest("/accounts", "acme", "{\"owner\":\"\"}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.post().uri("/accounts").contentType(MediaType.APPLICATION_JSON)
			.body("{\"owner\":\"Ada\"}").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		String id = (String) accountRequest("/accounts", "acme", "{\"owner\":\"Ada\"}").getBody().get("id");
		ResponseEntity<Map> negative = accountRequest("/accounts/" + id + "/credits", "acme", "{\"amount\":-5}");
		assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(negative.getBody().get("detail").toString())
			.contains("amount: must be greater than or equal to 0.01");
		ResponseEntity<Map> unreadable = accountRequest("/accounts/" + id + "/debits", "acme", "{\"amount\":\"all\"}");
		assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unreadable.getBody().get("detail").toString()).contains("not valid JSON for this request");
		assertThat(accountRequest("/accounts/nope/credits", "acme", "{\"amount\":5}").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(storedEventCount()).isEqualTo(before + 1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthEndpointShowsEventsUpWithDetailsAndOnlyInReadiness() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ResponseEntity<Map> health = this.management.get().uri("/actuator/health").retrieve().toEntity(Map.class);
			assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(health.getBody()).containsEntry("status", "UP");
			assertThat(eventsHealth()).containsEntry("status", "UP");
		});
		Map<String, Object> readiness = this.management.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.body(Map.class);
		assertThat((Map<String, Object>) readiness.get("components")).containsKeys("readinessState", "events");
		Map<String, Object> liveness = this.management.get()
			.uri("/actuator/health/liveness")
			.retrieve()
			.body(Map.class);
		assertThat((Map<String, Object>) liveness.get("components")).containsOnlyKeys("livenessState");
	}

	@Test
	void kafkaClientMetricsCoverTheEventsProducerAndHandlerConsumers() {
		placeOrder("acme", "{\"customerId\":\"c-4\",\"amount\":5}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String names = this.operator.get()
				.uri("/actuator/metrics")
				.retrieve()
				.body(Map.class)
				.get("names")
				.toString();
			assertThat(names).contains("kafka.producer.record.send.total",
					"kafka.consumer.fetch.manager.records.consumed.total");
		});
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> eventsHealth() {
		Map<String, Object> health = this.management.get().uri("/actuator/health").retrieve().body(Map.class);
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("events");
	}

	private ResponseEntity<Map> placeOrder(String tenant, String json) {
		return this.http.post()
			.uri("/orders")
			.header("X-Tenant-Id", tenant)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(Map.class);
	}

	private ResponseEntity<Map> order(String tenant, String id) {
		return this.http.get().uri("/orders/{id}", id).header("X-Tenant-Id", tenant).retrieve().toEntity(Map.class);
	}

	private ResponseEntity<Map> accountRequest(String path, String tenant, String json) {
		return this.http.post()
			.uri(path)
			.header("X-Tenant-Id", tenant)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(Map.class);
	}

	private ResponseEntity<Map> account(String tenant, String id) {
		return this.http.get().uri("/accounts/{id}", id).header("X-Tenant-Id", tenant).retrieve().toEntity(Map.class);
	}

	private long storedEventCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM events_store").query(Long.class).single();
	}

	private long orderCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single();
	}

}
