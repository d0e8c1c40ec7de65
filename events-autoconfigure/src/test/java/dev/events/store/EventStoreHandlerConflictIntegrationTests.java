package dev.events.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.EventHandler;
import dev.events.deadletter.DeadLetter;
import dev.events.deadletter.DeadLetterQuery;
import dev.events.deadletter.DeadLetterStore;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code @EventHandler} that appends to the store with the version it read, while another
 * writer appends to the same stream in between: its {@link ConcurrencyConflictException} is a
 * conflict that a later try resolves, so it is retried with the conflicts' attempts, reading the
 * version anew, and becomes a dead letter only when every attempt lost the race. On PostgreSQL and
 * a real broker.
 */
@SpringBootTest(classes = { TestApplication.class, EventStoreHandlerConflictIntegrationTests.Ledger.class },
		properties = { "events.topics.store-deposits.partitions=1", "events.handlers.retry.max-attempts=1",
				"events.handlers.retry.conflicts.max-attempts=4",
				"events.handlers.retry.conflicts.initial-interval=20ms",
				"events.handlers.retry.conflicts.max-interval=100ms",
				"events.store.unpublished-types=test.store.Deposited" })
@DirtiesContext
class EventStoreHandlerConflictIntegrationTests {

	private static final String HANDLER = "store-ledger";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "store_handler_conflicts");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	EventStore store;

	@Autowired
	DeadLetterStore deadLetters;

	@Autowired
	Ledger ledger;

	@Test
	void anAppendThatLostARaceIsTriedAgainWithTheVersionReadAnewAndStoresOnce() {
		this.publisher.publish(new Deposit("ledger-raced-twice", 50, 2));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.appended.contains("ledger-raced-twice"));
		assertThat(this.ledger.attempts("ledger-raced-twice")).isEqualTo(3);
		assertThat(amounts("ledger-raced-twice")).containsExactly(0L, 0L, 50L);
		assertThat(deadLettersOf("ledger-raced-twice")).isEmpty();
	}

	@Test
	void anAppendThatLosesEveryRaceBecomesADeadLetterAfterTheConflictsAttemptsAndStoresNothing() {
		this.publisher.publish(new Deposit("ledger-always-raced", 70, Integer.MAX_VALUE));
		this.publisher.publish(new Deposit("ledger-after-it", 10, 0));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.ledger.appended.contains("ledger-after-it")
					&& !deadLettersOf("ledger-always-raced").isEmpty());
		assertThat(this.ledger.attempts("ledger-always-raced")).isEqualTo(4);
		assertThat(amounts("ledger-always-raced")).as("the other writer's appends alone")
			.containsExactly(0L, 0L, 0L, 0L);
		assertThat(deadLettersOf("ledger-always-raced")).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.reason()).isEqualTo(DeadLetterReasons.HANDLER_FAILED);
			assertThat(deadLetter.cause()).contains(ConcurrencyConflictException.class.getName())
				.contains("Stream 'ledger-always-raced' is at version 4; the append expected version 3");
		});
		assertThat(amounts("ledger-after-it")).containsExactly(10L);
	}

	private List<Long> amounts(String stream) {
		try (Stream<StoredEvent> events = this.store.read(stream)) {
			return events.map((event) -> ((Deposited) event.event()).amount()).toList();
		}
	}

	private List<DeadLetter> deadLettersOf(String key) {
		return this.deadLetters.list(new DeadLetterQuery(HANDLER, key, null, 0, 10));
	}

	/**
	 * Appends each deposit to its account's stream with the version it read, after letting another
	 * writer append to the stream first as often as the deposit says, in a transaction of its own.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Ledger {

		final List<String> appended = new CopyOnWriteArrayList<>();

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		int attempts(String account) {
			AtomicInteger count = this.attempts.get(account);
			return (count != null) ? count.get() : 0;
		}

		@Bean
		LedgerHandler ledgerHandler(EventStore store, PlatformTransactionManager transactionManager) {
			TransactionTemplate otherWriter = new TransactionTemplate(transactionManager);
			otherWriter.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			return new LedgerHandler(this, store, otherWriter);
		}

	}

	static class LedgerHandler {

		private final Ledger ledger;

		private final EventStore store;

		private final TransactionTemplate otherWriter;

		LedgerHandler(Ledger ledger, EventStore store, TransactionTemplate otherWriter) {
			this.ledger = ledger;
			this.store = store;
			this.otherWriter = otherWriter;
		}

		@EventHandler(id = HANDLER)
		void handle(Deposit deposit) {
			int attempt = this.ledger.attempts.computeIfAbsent(deposit.account(), (account) -> new AtomicInteger())
				.incrementAndGet();
			long version = this.store.version(deposit.account());
			if (attempt <= deposit.racesLost()) {
				this.otherWriter.executeWithoutResult((status) -> this.store.append(deposit.account(),
						ExpectedVersion.any(), new Deposited(0)));
			}
			this.store.append(deposit.account(), ExpectedVersion.exactly(version), new Deposited(deposit.amount()));
			AfterCommit.run(() -> this.ledger.appended.add(deposit.account()));
		}

	}

	@DomainEvent(type = "test.store.Deposit", topic = "store-deposits", key = "account")
	record Deposit(String account, long amount, int racesLost) {
	}

	@DomainEvent(type = "test.store.Deposited", topic = "store-deposited")
	record Deposited(long amount) {
	}

}
