package dev.events.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.EventsEndpointClient;
import dev.events.support.Instances;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays through the endpoint, with two instances each holding one partition of the handler:
 * the request is stored once and each instance replays its partition once, records the window it
 * replayed, and goes on where it was.
 */
@SpringBootTest(classes = { TestApplication.class, EventsEndpointReplayIntegrationTests.Ledger.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=events",
				"events.topics.ledger-entries.partitions=2", "events.handlers.pause-check-interval=200ms",
				"events.handlers.retry.max-attempts=1", "events.outbox.relay.instance-id=instance-a" })
class EventsEndpointReplayIntegrationTests {

	private static final String HANDLER = "ledger";

	private static final String DATABASE = "events_endpoint_replay";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, DATABASE);
	}

	@LocalManagementPort
	int managementPort;

	@Autowired
	EventPublisher publisher;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	ConfigurableApplicationContext other;
	EventsEndpointClient http;

	@BeforeEach
	void startTheOtherInstance() {
		this.other = Instances.on(DATABASE, Ledger.class)
			.properties("events.topics.ledger-entries.partitions=2", "events.handlers.pause-check-interval=200ms",
					"events.handlers.retry.max-attempts=1", "events.outbox.relay.instance-id=instance-b")
			.run();
		awaitOnePartitionEach();
		this.http = new EventsEndpointClient(this.managementPort);
	}

	private void awaitOnePartitionEach() {
		KafkaListenerEndpointRegistry otherListeners = this.other.getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.listeners.getListenerContainer(HANDLER).getAssignedPartitions()).hasSize(1);
			assertThat(otherListeners.getListenerContainer(HANDLER).getAssignedPartitions()).hasSize(1);
		});
	}

	@AfterEach
	void stop() {
		this.other.close();
		post("/handlers/resume", Map.of("handler", HANDLER));
	}

	@Test
	void rehandleHandlesTheRangeOnceAgainOnEveryPartitionAndGoesOnWhereItWas() throws Exception {
		publishAndAwait("rehandle-a");
		Instant from = between();
		publishAndAwait("rehandle-b");
		Instant to = between();
		publishAndAwait("rehandle-c");

		Map<String, Object> requested = post("/handlers/replay",
				Map.of("handler", HANDLER, "from", from.toString(), "to", to.toString(), "mode", "rehandle"))
			.getBody();
		String id = (String) requested.get("id");

		awaitWindowsDone(id);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(timesHandled("rehandle-b")).allSatisfy((times) -> assertThat(times)
				.isEqualTo(2)));
		publishAndAwait("rehandle-d");
		assertThat(timesHandled("rehandle-a")).containsOnly(1);
		assertThat(timesHandled("rehandle-b")).containsOnly(2);
		assertThat(timesHandled("rehandle-c")).containsOnly(1);
		assertThat(timesHandled("rehandle-d")).containsOnly(1);
	}

	@Test
	void redeliverHandlesOnlyWhatWasMissedAndRefusesToStartBeforeTheInboxRetention() throws Exception {
		publishAndAwait("redeliver-a");
		Instant from = between();
		Ledger.failing.add("redeliver-b-3");
		publishAndAwait("redeliver-b", 10, 9);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/dead-letters?handler=" + HANDLER, List.class)).hasSize(1));
		Map<?, ?> deadLetter = (Map<?, ?>) get("/dead-letters?handler=" + HANDLER, List.class).get(0);
		post("/dead-letters/discard", Map.of("id", deadLetter.get("id")));
		Ledger.failing.clear();
		assertThat(timesHandled("redeliver-b")).hasSize(9);

		Map<String, Object> requested = post("/handlers/replay", Map.of("handler", HANDLER, "from", from.toString()))
			.getBody();
		assertThat(requested).containsEntry("mode", "REDELIVER");

		awaitWindowsDone((String) requested.get("id"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Ledger.handled).contains("redeliver-b-3"));
		publishAndAwait("redeliver-c");
		assertThat(timesHandled("redeliver-a")).containsOnly(1);
		assertThat(timesHandled("redeliver-b")).hasSize(10).containsOnly(1);
		assertThat(timesHandled("redeliver-c")).containsOnly(1);

		String longAgo = Instant.now().minus(Duration.ofDays(8)).toString();
		ResponseEntity<Map> refused = post("/handlers/replay", Map.of("handler", HANDLER, "from", longAgo));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
		assertThat(post("/handlers/replay", Map.of("handler", HANDLER, "from", longAgo, "to",
				Instant.now().minus(Duration.ofDays(7).plusHours(23)).toString(), "force", true))
			.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(200));
		assertThat(post("/handlers/replay", Map.of("handler", "nobody", "from", from.toString())).getStatusCode())
			.isEqualTo(HttpStatusCode.valueOf(400));
		assertThat(post("/handlers/replay", Map.of("handler", HANDLER, "from", "yesterday")).getStatusCode())
			.isEqualTo(HttpStatusCode.valueOf(400));
	}

	@Test
	@SuppressWarnings("unchecked")
	void replayHalfDoneOnAnInstanceThatStopsIsFinishedByTheInstanceThatTakesItsPartition() throws Exception {
		this.other.close();
		this.other = Instances.on(DATABASE, Ledger.class)
			.properties("events.topics.ledger-entries.partitions=2", "events.handlers.pause-check-interval=200ms",
					"events.handlers.retry.max-attempts=1", "events.outbox.relay.instance-id=instance-b",
					"spring.kafka.consumer.max-poll-records=2", "ledger.delay=100ms")
			.run();
		awaitOnePartitionEach();
		publishAndAwait("moved-a");
		Instant from = between();
		publishAndAwait("moved-b", 40, 40);
		long firstPassOnB = handledOn("instance-b", "moved-b");
		assertThat(firstPassOnB).as("events of the second instance's partition").isGreaterThan(4);
		post("/handlers/pause", Map.of("handler", HANDLER));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainer(HANDLER).isContainerPaused()).isTrue());

		String id = (String) post("/handlers/replay", Map.of("handler", HANDLER, "from", from.toString(), "mode",
				"rehandle"))
			.getBody()
			.get("id");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Map<String, Object>> windows = (List<Map<String, Object>>) get("/replays/" + id, Map.class)
				.get("windows");
			assertThat(windows).hasSize(2).allSatisfy((window) -> assertThat(window.get("doneAt")).isNull());
		});
		post("/handlers/resume", Map.of("handler", HANDLER));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> handledOn("instance-b", "moved-b") >= firstPassOnB + 2);
		this.other.close();
		long replayedOnB = handledOn("instance-b", "moved-b") - firstPassOnB;
		assertThat(replayedOnB).as("events the second instance replayed before it stopped").isLessThan(firstPassOnB);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainer(HANDLER).getAssignedPartitions())
				.hasSize(2));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> windows = (List<Map<String, Object>>) get("/replays/" + id, Map.class)
				.get("windows");
			assertThat(windows).hasSize(2).allSatisfy((window) -> assertThat(window.get("doneAt")).isNotNull());
		});
		publishAndAwait("moved-c");
		assertThat(timesHandled("moved-a")).containsOnly(1);
		assertThat(timesHandled("moved-b")).hasSize(40).containsOnly(2);
		assertThat(timesHandled("moved-c")).containsOnly(1);
	}

	@SuppressWarnings("unchecked")
	private void awaitWindowsDone(String id) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, Object> replay = get("/replays/" + id, Map.class);
			List<Map<String, Object>> windows = (List<Map<String, Object>>) replay.get("windows");
			assertThat(windows).hasSize(2).allSatisfy((window) -> assertThat(window.get("doneAt")).isNotNull());
			assertThat(windows).extracting((window) -> window.get("instanceId"))
				.containsExactlyInAnyOrder("instance-a", "instance-b");
		});
		assertThat((List<?>) get("/replays", List.class)).isNotEmpty();
	}

	private void publishAndAwait(String batch) {
		publishAndAwait(batch, 10, 10);
	}

	private void publishAndAwait(String batch, int events, int handledAfter) {
		IntStream.range(0, events).forEach((i) -> this.publisher.publish(new Entry("k-" + i, batch + "-" + i)));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(timesHandled(batch)).hasSize(handledAfter));
	}

	/**
	 * A time between the records published before and after, by the broker's record times.
	 */
	private static Instant between() throws InterruptedException {
		Thread.sleep(300);
		Instant between = Instant.now();
		Thread.sleep(300);
		return between;
	}

	private static long handledOn(String instance, String batch) {
		return Ledger.handledOn.stream().filter((value) -> value.startsWith(instance + "/" + batch + "-")).count();
	}

	private static List<Integer> timesHandled(String batch) {
		Map<String, Long> counts = Ledger.handled.stream()
			.filter((value) -> value.startsWith(batch + "-"))
			.collect(Collectors.groupingBy((value) -> value, Collectors.counting()));
		return counts.values().stream().map(Long::intValue).toList();
	}

	private <T> T get(String path, Class<T> type) {
		return this.http.get(path, type);
	}

	@SuppressWarnings("rawtypes")
	private ResponseEntity<Map> post(String path, Map<String, Object> body) {
		return this.http.post(path, body);
	}

	static class Ledger {

		static final Queue<String> handled = new ConcurrentLinkedQueue<>();

		static final Queue<String> handledOn = new ConcurrentLinkedQueue<>();

		static final Set<String> failing = ConcurrentHashMap.newKeySet();

		private final String instance;

		private final Duration delay;

		Ledger(Environment environment) {
			this.instance = environment.getRequiredProperty("events.outbox.relay.instance-id");
			this.delay = environment.getProperty("ledger.delay", Duration.class, Duration.ZERO);
		}

		@EventHandler(id = HANDLER)
		void record(Entry entry) throws InterruptedException {
			if (failing.contains(entry.value())) {
				throw new IllegalStateException("Cannot record " + entry.value());
			}
			Thread.sleep(this.delay.toMillis());
			AfterCommit.run(() -> {
				handled.add(entry.value());
				handledOn.add(this.instance + "/" + entry.value());
			});
		}

	}

	@DomainEvent(type = "dev.events.test.LedgerEntry", topic = "ledger-entries", key = "key")
	record Entry(String key, String value) {
	}

}
