package dev.events.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.deadletter.DeadLetter;
import dev.events.deadletter.DeadLetterQuery;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.DeadLetters;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;
import dev.events.type.EventTypeRegistryCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What publishing and handling mean whatever carries the events: one suite, run on each
 * transport by a subclass that starts the application on it, with a PostgreSQL database for the
 * outbox, the inbox and the dead letters. Each test uses keys of its own.
 */
abstract class TransportContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	EventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Steps steps;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventSender sender;

	@Autowired
	OutboundEventFactory events;

	@Autowired
	DeadLetterStore deadLetterStore;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	Audit audit;

	@Test
	void aHandlerReceivesTheEventWithItsEnvelopeAndContext() {
		UUID id;
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(new EventContext("acme", "clerk-1", "conversation-9", "cause-3"))) {
			id = this.publisher.publish(new StepTaken("envelope", 1));
		}
		await().atMost(TIMEOUT).until(() -> this.steps.envelopes.containsKey(id.toString()));
		EventEnvelope<StepTaken> envelope = this.steps.envelopes.get(id.toString());
		assertThat(envelope.payload()).isEqualTo(new StepTaken("envelope", 1));
		assertThat(envelope.type()).isEqualTo("dev.events.transport.StepTaken");
		assertThat(envelope.source().toString()).isEqualTo("contract");
		assertThat(envelope.key()).isEqualTo("envelope");
		assertThat(envelope.tenantId()).isEqualTo("acme");
		assertThat(envelope.actorId()).isEqualTo("clerk-1");
		assertThat(envelope.correlationId()).isEqualTo("conversation-9");
		assertThat(envelope.causationId()).isEqualTo("cause-3");
	}

	@Test
	void aHandlerOfATypePatternTakesEveryMatchingTypeFromItsTopicsAndSkipsTheOthers() {
		this.publisher.publish(new StepTaken("pattern", 1));
		this.publisher.publish(new StepNoted("pattern", 2));
		this.publisher.publish(new StepEchoed("pattern", 3));
		this.publisher.publish(new StepTaken("pattern", 4));

		await().atMost(TIMEOUT).until(() -> this.audit.matched.contains("dev.events.transport.StepTaken 4"));
		await().atMost(TIMEOUT).until(() -> this.audit.matched.contains("dev.events.transport.StepEchoed 3"));
		assertThat(this.audit.matched).containsExactlyInAnyOrder("dev.events.transport.StepTaken 1",
				"dev.events.transport.StepEchoed 3", "dev.events.transport.StepTaken 4");
		assertThat(this.deadLetterStore.list(new DeadLetterQuery(Audit.BY_PATTERN, null, null, 0, 10)))
			.as("the note, skipped").isEmpty();
	}

	@Test
	void anEventPublishedInATransactionThatRollsBackIsNeverHandled() {
		this.transactions.executeWithoutResult((status) -> {
			this.publisher.publish(new StepTaken("rollback", 1));
			status.setRollbackOnly();
		});
		this.publisher.publish(new StepTaken("rollback", 2));
		await().atMost(TIMEOUT).until(() -> this.steps.taken("rollback").contains(2));
		assertThat(this.steps.taken("rollback")).containsExactly(2);
	}

	@Test
	void eventsOfAKeyAreHandledInTheOrderTheyWerePublished() {
		List<String> keys = List.of("order-a", "order-b", "order-c", "order-d");
		for (int step = 1; step <= 50; step++) {
			for (String key : keys) {
				int number = step;
				this.transactions.executeWithoutResult((status) -> this.publisher.publish(new StepTaken(key, number)));
			}
		}
		for (String key : keys) {
			await().atMost(TIMEOUT).until(() -> this.steps.taken(key).size() == 50);
			assertThat(this.steps.taken(key)).isSorted().doesNotHaveDuplicates();
		}
	}

	@Test
	void aFailingEventIsRetriedAndHandledOnce() {
		this.steps.failuresLeft.put("flaky", new AtomicInteger(2));
		this.publisher.publish(new StepTaken("flaky", 1));
		await().atMost(TIMEOUT).until(() -> this.steps.taken("flaky").contains(1));
		assertThat(this.steps.attempts("flaky")).isEqualTo(3);
		assertThat(this.steps.taken("flaky")).containsExactly(1);
	}

	@Test
	void anEventThatKeepsFailingBecomesADeadLetterThatHoldsItsKeyAndNotOthers() {
		this.steps.failuresLeft.put("poison", new AtomicInteger(Integer.MAX_VALUE));
		this.publisher.publish(new StepTaken("poison", 1));
		this.publisher.publish(new StepTaken("poison", 2));
		this.publisher.publish(new StepTaken("healthy", 1));

		await().atMost(TIMEOUT).until(() -> this.steps.taken("healthy").contains(1));
		await().atMost(TIMEOUT).until(() -> this.deadLetterStore.sequence(Steps.HANDLER, "poison").size() == 2);
		List<DeadLetter> held = this.deadLetterStore.sequence(Steps.HANDLER, "poison");
		assertThat(held).extracting(DeadLetter::reason).containsExactly("HANDLER_FAILED", "QUEUED_BEHIND");
		assertThat(held.get(0).attempts()).isEqualTo(3);
		assertThat(this.steps.taken("poison")).isEmpty();

		this.steps.failuresLeft.remove("poison");
		this.deadLetters.retrySequence(Steps.HANDLER, "poison");
		assertThat(this.steps.taken("poison")).containsExactly(1, 2);
	}

	@Test
	void anEventSentTwiceHasItsEffectsOnce() {
		OutboundEvent event = this.events.create(new StepTaken("twice", 1), EventContext.empty());
		this.sender.send(event).join();
		this.sender.send(event).join();
		this.publisher.publish(new StepTaken("twice", 2));
		await().atMost(TIMEOUT).until(() -> this.steps.taken("twice").contains(2));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM steps WHERE step_key = 'twice' AND number = 1")
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.steps.taken("twice")).containsExactly(1, 2);
	}

	@Test
	void aHandlerThatIsStuckHoldsBackNoOtherHandler() {
		this.publisher.publish(new StepTaken("stuck", 1));
		this.publisher.publish(new StepTaken("after-stuck", 1));
		try {
			await().atMost(TIMEOUT).until(() -> this.audit.seen.contains("after-stuck"));
			assertThat(this.steps.taken("stuck")).isEmpty();
		}
		finally {
			this.steps.stuck.countDown();
		}
		await().atMost(TIMEOUT).until(() -> this.steps.taken("after-stuck").contains(1));
		assertThat(this.steps.taken("stuck")).containsExactly(1);
	}

	@Test
	void anEventPublishedByAHandlerCarriesTheContextOfTheEventItHandles() {
		UUID cause;
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(EventContext.empty().withTenantId("globex").withCorrelationId("flow-7"))) {
			cause = this.publisher.publish(new StepTaken("echo", 1));
		}
		await().atMost(TIMEOUT).until(() -> this.audit.echoesOf("echo").size() == 1);
		EventEnvelope<StepEchoed> echo = this.audit.echoesOf("echo").get(0);
		assertThat(echo.payload()).isEqualTo(new StepEchoed("echo", 1));
		assertThat(echo.tenantId()).isEqualTo("globex");
		assertThat(echo.correlationId()).isEqualTo("flow-7");
		assertThat(echo.causationId()).isEqualTo(cause.toString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		Steps steps(JdbcClient jdbc) {
			return new Steps(jdbc);
		}

		@Bean
		Audit audit(EventPublisher publisher) {
			return new Audit(publisher);
		}

		@Bean
		EventTypeRegistryCustomizer contractTypes() {
			return (registry) -> List.of(StepTaken.class, StepEchoed.class, StepNoted.class)
				.forEach(registry::definitionFor);
		}

	}

	/**
	 * A second handler of the same events, which never fails: echoes the steps of key
	 * {@code echo} as events of their own, and handles those too; a third takes every step type,
	 * taken or echoed, by a pattern on their CloudEvent types.
	 */
	static class Audit {

		static final String BY_PATTERN = "contract-steps-by-pattern";

		final List<String> seen = new CopyOnWriteArrayList<>();

		final List<String> matched = new CopyOnWriteArrayList<>();

		final List<EventEnvelope<StepEchoed>> echoes = new CopyOnWriteArrayList<>();

		private final EventPublisher publisher;

		Audit(EventPublisher publisher) {
			this.publisher = publisher;
		}

		@EventHandler(id = "contract-audit")
		void audit(StepTaken step) {
			this.seen.add(step.key());
			if (step.key().equals("echo")) {
				this.publisher.publish(new StepEchoed(step.key(), step.number()));
			}
		}

		@EventHandler(id = "contract-echoes")
		void echoed(EventEnvelope<StepEchoed> echo) {
			this.echoes.add(echo);
		}

		List<EventEnvelope<StepEchoed>> echoesOf(String key) {
			return this.echoes.stream().filter((echo) -> key.equals(echo.key())).toList();
		}

		@EventHandler(id = BY_PATTERN, typePattern = "dev.events.transport.Step*")
		void anyStep(EventEnvelope<Object> step) {
			if ("pattern".equals(step.key())) {
				int number = (step.payload() instanceof StepTaken taken) ? taken.number()
						: ((StepEchoed) step.payload()).number();
				this.matched.add(step.type() + " " + number);
			}
		}

	}

	/**
	 * The handler under test: records each step it takes in a table of its own, in the handler's
	 * transaction, and fails as often as told for a key.
	 */
	static class Steps {

		static final String HANDLER = "contract-steps";

		final Map<String, EventEnvelope<StepTaken>> envelopes = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

		final CountDownLatch stuck = new CountDownLatch(1);

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final Map<String, List<Integer>> taken = new ConcurrentHashMap<>();

		private final JdbcClient jdbc;

		Steps(JdbcClient jdbc) {
			this.jdbc = jdbc;
			jdbc.sql("CREATE TABLE IF NOT EXISTS steps (step_key VARCHAR(64) NOT NULL, number INT NOT NULL)").update();
		}

		@EventHandler(id = HANDLER)
		void take(EventEnvelope<StepTaken> event) {
			StepTaken step = event.payload();
			if (step.key().equals("stuck")) {
				awaitRelease();
			}
			this.attempts.computeIfAbsent(step.key(), (key) -> new AtomicInteger()).incrementAndGet();
			AtomicInteger failures = this.failuresLeft.get(step.key());
			if (failures != null && failures.getAndDecrement() > 0) {
				throw new IllegalStateException("Step " + step + " fails as told");
			}
			this.jdbc.sql("INSERT INTO steps (step_key, number) VALUES (?, ?)")
				.params(step.key(), step.number())
				.update();
			this.envelopes.put(event.id(), event);
			this.taken.computeIfAbsent(step.key(), (key) -> new CopyOnWriteArrayList<>()).add(step.number());
		}

		private void awaitRelease() {
			try {
				this.stuck.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		List<Integer> taken(String key) {
			return new ArrayList<>(this.taken.getOrDefault(key, List.of()));
		}

		int attempts(String key) {
			return this.attempts.getOrDefault(key, new AtomicInteger()).get();
		}

	}

}
