package dev.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.consume.FailedRecord;
import dev.events.inbox.EventKey;
import dev.events.inbox.InboxEntry;
import dev.events.inbox.InboxStore;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.RawRecords;
import dev.events.support.TestApplication;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that gives up on an event keeps it as a dead letter in its database, and holds the
 * later events of its key behind it, in order, while other keys flow on. A retry after the cause
 * is fixed handles them in order, exactly once; a discarded head releases the rest; a handler
 * that does not keep order handles the later events at once.
 */
@SpringBootTest(classes = { TestApplication.class, SequencedDeadLetterIntegrationTests.Handlers.class },
		properties = { "events.topics.steps.partitions=2", "spring.flyway.locations=classpath:db/steps-migration",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=50ms",
				"events.handlers.retry.max-interval=100ms" })
abstract class SequencedDeadLetterIntegrationTests {

	static final String ORDERED = "ordered-steps";

	static final String UNORDERED = "unordered-steps";

	@Autowired
	EventPublisher publisher;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	DeadLetterStore store;

	@Autowired
	InboxStore inbox;

	@Autowired
	Handlers handlers;

	@Autowired
	DataSource dataSource;

	@Test
	void failedEventHoldsItsKeyAndRetryHandlesItAndTheRestInOrderExactlyOnce() {
		this.handlers.failing.add(ORDERED + "/k-held:2");
		publishSteps("k-held", 1, 5);
		publishSteps("k-free-a", 1, 3);
		publishSteps("k-free-b", 1, 3);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.handlers.steps(ORDERED, "k-free-a")).containsExactly(1, 2, 3);
			assertThat(this.handlers.steps(ORDERED, "k-free-b")).containsExactly(1, 2, 3);
			assertThat(this.store.sequence(ORDERED, "k-held")).extracting(DeadLetter::reason)
				.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND", "QUEUED_BEHIND", "QUEUED_BEHIND");
		});
		assertThat(this.handlers.steps(ORDERED, "k-held")).containsExactly(1);
		DeadLetter head = this.store.sequence(ORDERED, "k-held").get(0);
		assertThat(head.attempts()).isEqualTo(2);
		assertThat(head.cause()).contains("IllegalStateException").contains("step 2 of k-held");
		assertThat(head.type()).isEqualTo("dev.events.test.Step");
		assertThat(head.key()).isEqualTo("k-held");
		assertThat(head.topic()).isEqualTo("steps");
		assertThat(head.eventId()).isNotBlank();
		assertThat(this.store.sequence(ORDERED, "k-held")).extracting(DeadLetter::offset).isSorted();

		assertThat(this.deadLetters.retrySequence(ORDERED, "k-held")).isEqualTo(new RetryResult(0, List.of(head.id())));
		assertThat(this.store.find(head.id())).get().extracting(DeadLetter::attempts).isEqualTo(3);

		this.handlers.failing.clear();
		assertThat(this.deadLetters.retrySequence(ORDERED, "k-held")).isEqualTo(new RetryResult(4, List.of()));
		assertThat(this.handlers.steps(ORDERED, "k-held")).containsExactly(1, 2, 3, 4, 5);
		assertThat(this.store.sequence(ORDERED, "k-held")).isEmpty();
		assertThat(this.store.heldKeys(ORDERED)).doesNotContain("k-held");

		publishSteps("k-held", 6, 6);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.handlers.steps(ORDERED, "k-held")).containsExactly(1, 2, 3, 4, 5, 6));
		assertThat(handledRows(ORDERED, "k-held")).isEqualTo(6);
	}

	@Test
	void discardedHeadReleasesTheEventsBehindIt() {
		this.handlers.failing.add(ORDERED + "/k-discard:1");
		publishSteps("k-discard", 1, 3);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.sequence(ORDERED, "k-discard")).hasSize(3));
		DeadLetter head = this.store.sequence(ORDERED, "k-discard").get(0);

		assertThat(this.deadLetters.discard(head.id())).isEqualTo(new RetryResult(2, List.of()));

		assertThat(this.handlers.steps(ORDERED, "k-discard")).containsExactly(2, 3);
		assertThat(this.store.sequence(ORDERED, "k-discard")).isEmpty();
		assertThat(this.store.find(head.id())).get().satisfies((discarded) -> {
			assertThat(discarded.discardedAt()).isNotNull();
			assertThat(discarded.reason()).isEqualTo("HANDLER_FAILED");
		});
		assertThat(this.store.heldKeys(ORDERED)).doesNotContain("k-discard");
	}

	@Test
	void handlerThatDoesNotKeepOrderHandlesTheLaterEventsAtOnce() {
		this.handlers.failing.add(UNORDERED + "/k-unordered:2");
		publishSteps("k-unordered", 1, 4);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.handlers.steps(UNORDERED, "k-unordered")).containsExactly(1, 3, 4);
			assertThat(this.store.list(new DeadLetterQuery(UNORDERED, "k-unordered", null, 0, 10)))
				.extracting(DeadLetter::reason)
				.containsExactly("HANDLER_FAILED");
		});
		assertThat(this.store.heldKeys(UNORDERED)).isEmpty();

		this.handlers.failing.clear();
		DeadLetter failed = this.store.list(new DeadLetterQuery(UNORDERED, "k-unordered", null, 0, 10)).get(0);
		assertThat(this.deadLetters.retry(failed.id())).isEqualTo(new RetryResult(1, List.of()));
		assertThat(this.handlers.steps(UNORDERED, "k-unordered")).containsExactly(1, 3, 4, 2);
	}

	@Test
	void retryThatCrashesBeforeItCommitsLeavesTheDeadLetterAndItsEffectsUndone() {
		this.handlers.failing.add(ORDERED + "/k-crash:1");
		publishSteps("k-crash", 1, 2);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.sequence(ORDERED, "k-crash")).hasSize(2));
		this.handlers.failing.clear();
		this.handlers.crashingAtCommit.add(ORDERED + "/k-crash:1");

		assertThat(this.deadLetters.retrySequence(ORDERED, "k-crash").stillFailing()).hasSize(1);
		assertThat(handledRows(ORDERED, "k-crash")).isZero();
		assertThat(this.store.sequence(ORDERED, "k-crash")).hasSize(2);

		this.handlers.crashingAtCommit.clear();
		assertThat(this.deadLetters.retrySequence(ORDERED, "k-crash")).isEqualTo(new RetryResult(2, List.of()));
		assertThat(this.handlers.steps(ORDERED, "k-crash")).containsExactly(1, 2);
		assertThat(handledRows(ORDERED, "k-crash")).isEqualTo(2);
	}

	@Test
	void deadLetterWhoseEventTheHandlerAlreadyHasIsDeletedWithoutHandlingItAgain() {
		this.handlers.failing.add(ORDERED + "/k-seen:1");
		publishSteps("k-seen", 1, 1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.sequence(ORDERED, "k-seen")).hasSize(1));
		DeadLetter head = this.store.sequence(ORDERED, "k-seen").get(0);
		this.inbox.markReceived(ORDERED, List.of(new InboxEntry(new EventKey(head.source(), head.eventId()), null)));
		this.handlers.failing.clear();

		assertThat(this.deadLetters.retrySequence(ORDERED, "k-seen")).isEqualTo(new RetryResult(1, List.of()));
		assertThat(this.handlers.steps(ORDERED, "k-seen")).isEmpty();
		assertThat(this.store.find(head.id())).isEmpty();
	}

	@Test
	void recordDeliveredAgainAfterItWasStoredIsStoredOnce() {
		this.handlers.failing.add(ORDERED + "/k-again:1");
		publishSteps("k-again", 1, 2);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.sequence(ORDERED, "k-again")).hasSize(2));
		for (DeadLetter stored : this.store.sequence(ORDERED, "k-again")) {
			this.store.add(new FailedRecord(ORDERED, stored.topic(), stored.partition(), stored.offset(), stored.key(),
					stored.headers(), stored.payload(), FailedRecord.EventAttributes.NONE, "QUEUED_BEHIND", null, 0,
					Instant.now(), Instant.now(), true));
		}
		assertThat(this.store.sequence(ORDERED, "k-again")).extracting(DeadLetter::reason)
			.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND");
	}

	@Test
	void undecodableRecordHoldsItsKeyWhileUnknownTypesAndRecordsWithoutKeyHoldNothing() {
		RawRecords.send(new ProducerRecord<>("steps", "k-poison", bytes("not a cloud event")));
		publishSteps("k-poison", 1, 1);
		RawRecords.send(RawRecords.cloudEvent("steps", "k-unknown", "dev.events.test.NeverRegistered", "{}"));
		publishSteps("k-unknown", 1, 1);
		RawRecords.send(new ProducerRecord<>("steps", null, bytes("not a cloud event either")));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.store.sequence(ORDERED, "k-poison")).extracting(DeadLetter::reason)
				.containsExactly("NOT_A_CLOUDEVENT", "QUEUED_BEHIND");
			assertThat(this.handlers.steps(ORDERED, "k-unknown")).containsExactly(1);
			assertThat(this.store.list(new DeadLetterQuery(ORDERED, null, "NOT_A_CLOUDEVENT", 0, 10)))
				.extracting(DeadLetter::key)
				.contains("k-poison")
				.containsNull();
		});
		assertThat(this.store.list(new DeadLetterQuery(ORDERED, "k-unknown", null, 0, 10))).singleElement()
			.satisfies((unknown) -> {
				assertThat(unknown.reason()).isEqualTo("UNKNOWN_TYPE");
				assertThat(unknown.type()).isEqualTo("dev.events.test.NeverRegistered");
			});
		assertThat(this.store.heldKeys(ORDERED)).contains("k-poison").doesNotContain("k-unknown");
		assertThat(this.handlers.steps(ORDERED, "k-poison")).isEmpty();
		DeadLetter poison = this.store.sequence(ORDERED, "k-poison").get(0);
		assertThat(new String(poison.payload(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
		assertThat(poison.eventId()).isNull();

		assertThat(this.deadLetters.retrySequence(ORDERED, "k-poison"))
			.isEqualTo(new RetryResult(0, List.of(poison.id())));
		assertThat(this.deadLetters.discard(poison.id())).isEqualTo(new RetryResult(1, List.of()));
		assertThat(this.handlers.steps(ORDERED, "k-poison")).containsExactly(1);
	}

	@Test
	void recordWhoseIdAndKeyOutgrowTheColumnsIsStoredAndHoldsItsKey() {
		String longKey = "k-long-" + "é".repeat(1000);
		String longId = "x".repeat(300);
		RawRecords.send(RawRecords.cloudEvent("steps", longKey, "test", longId, "dev.events.test.Step",
				"{\"orderId\":\"k-long\",\"step\":1}"));
		RawRecords.send(RawRecords.cloudEvent("steps", longKey, "test", "short-id", "dev.events.test.Step",
				"{\"orderId\":\"k-long\",\"step\":2}"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				this.store.list(new DeadLetterQuery(ORDERED, null, null, 0, 100)))
			.filteredOn((deadLetter) -> deadLetter.key() != null && deadLetter.key().startsWith("k-long-"))
			.extracting(DeadLetter::reason)
			.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND"));
		DeadLetter head = this.store.list(new DeadLetterQuery(ORDERED, null, "HANDLER_FAILED", 0, 100))
			.stream()
			.filter((deadLetter) -> deadLetter.key() != null && deadLetter.key().startsWith("k-long-"))
			.findFirst()
			.orElseThrow();
		assertThat(head.key().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
		assertThat(head.eventId()).hasSize(255);
		assertThat(head.toRecord().headers().lastHeader("ce_id").value()).hasSize(300);
		assertThat(this.handlers.steps(ORDERED, "k-long")).isEmpty();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void publishSteps(String orderId, int from, int to) {
		for (int step = from; step <= to; step++) {
			this.publisher.publish(new Step(orderId, step));
		}
	}

	private long handledRows(String handlerId, String orderId) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT COUNT(*) FROM handled_steps WHERE handler_id = ? AND order_id = ?")
			.params(handlerId, orderId)
			.query(Long.class)
			.single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final Set<String> failing = ConcurrentHashMap.newKeySet();

		final Set<String> crashingAtCommit = ConcurrentHashMap.newKeySet();

		private final Map<String, List<Step>> handled = new ConcurrentHashMap<>();

		@Bean
		StepHandlers stepHandlers(DataSource dataSource) {
			return new StepHandlers(JdbcClient.create(dataSource), this);
		}

		List<Integer> steps(String handlerId, String orderId) {
			return this.handled.getOrDefault(handlerId, List.of())
				.stream()
				.filter((step) -> step.orderId().equals(orderId))
				.map(Step::step)
				.toList();
		}

		void handle(String handlerId, Step step, JdbcClient jdbc) {
			String name = handlerId + "/" + step.orderId() + ":" + step.step();
			if (this.failing.contains(name)) {
				throw new IllegalStateException("Failing on step %d of %s, on purpose".formatted(step.step(),
						step.orderId()));
			}
			jdbc.sql("INSERT INTO handled_steps (handler_id, order_id, step) VALUES (?, ?, ?)")
				.params(handlerId, step.orderId(), step.step())
				.update();
			if (this.crashingAtCommit.contains(name)) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void beforeCommit(boolean readOnly) {
						throw new IllegalStateException("Crashing before the commit, on purpose");
					}
				});
			}
			AfterCommit.run(() -> this.handled.computeIfAbsent(handlerId, (id) -> new CopyOnWriteArrayList<>())
				.add(step));
		}

	}

	static class StepHandlers {

		private final JdbcClient jdbc;

		private final Handlers handlers;

		StepHandlers(JdbcClient jdbc, Handlers handlers) {
			this.jdbc = jdbc;
			this.handlers = handlers;
		}

		@EventHandler(id = ORDERED)
		void ordered(EventEnvelope<Step> step) {
			this.handlers.handle(ORDERED, step.payload(), this.jdbc);
		}

		@EventHandler(id = UNORDERED, sequenced = false)
		void unordered(EventEnvelope<Step> step) {
			this.handlers.handle(UNORDERED, step.payload(), this.jdbc);
		}

	}

	@DomainEvent(type = "dev.events.test.Step", topic = "steps", key = "orderId")
	record Step(String orderId, int step) {
	}

}
