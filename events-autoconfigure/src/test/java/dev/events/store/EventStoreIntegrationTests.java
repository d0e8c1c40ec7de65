package dev.events.store;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublicationListener;
import dev.events.publish.OutboundEvent;
import dev.events.support.HeldTransaction;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The event store on a real database: appends with each expected-version convention, concurrent
 * appends to one stream, reads a page at a time, and appends published through the outbox to a
 * real broker, keyed by their stream, or not at all when their transaction rolls back. One
 * subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStoreIntegrationTests {

	private static final String TOPIC = "store-accounts";

	private static final int THREADS = 16;

	private static final int APPENDS_PER_THREAD = 5;

	private ConfigurableApplicationContext context;

	private EventStore store;

	private JdbcClient jdbc;

	private String streamPrefix;

	/**
	 * Return an application on the database under test.
	 * @param database a database name for this suite
	 * @return the builder
	 */
	abstract SpringApplicationBuilder application(String database);

	/**
	 * Return whether appends expecting any version may create the same stream at the same moment.
	 * @return whether they all go ahead then too
	 */
	boolean createsOneStreamConcurrently() {
		return true;
	}

	@BeforeAll
	void start() {
		String database = "event_store";
		this.streamPrefix = getClass().getSimpleName() + "-" + UUID.randomUUID() + "-";
		this.context = application(database).sources(StoreTestBeans.class)
			.properties("events.topics." + TOPIC + ".partitions=2", "events.store.read-page-size=2",
					"events.store.unpublished-categories=internal", "events.store.unpublished-types=test.store.Debited")
			.run();
		this.store = this.context.getBean(EventStore.class);
		this.jdbc = JdbcClient.create(this.context.getBean(DataSource.class));
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void appendsEventsAndReadsThemBackInVersionOrderAPageAtATime(TestInfo test) {
		String stream = stream(test);
		assertThat(this.store.append(stream, ExpectedVersion.noStream(), new Opened("a-1"), new Credited(10),
				new Debited(3)))
			.isEqualTo(3);
		assertThat(this.store.append(stream, ExpectedVersion.exactly(3), List.of(new Credited(5), new Credited(6))))
			.isEqualTo(5);
		List<StoredEvent> events = read(this.store.read(stream));
		assertThat(events).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(events).extracting(StoredEvent::event)
			.containsExactly(new Opened("a-1"), new Credited(10), new Debited(3), new Credited(5), new Credited(6));
		assertThat(events).extracting(StoredEvent::stream).containsOnly(stream);
		assertThat(events).extracting(StoredEvent::type)
			.containsExactly("test.store.Opened", "test.store.Credited", "test.store.Debited", "test.store.Credited",
					"test.store.Credited");
		assertThat(events).extracting(StoredEvent::id).doesNotHaveDuplicates();
		assertThat(events).extracting(StoredEvent::position).as("before a read of all streams gave them one")
			.containsOnly(0L);
		assertThat(read(this.store.read(stream, 4))).extracting(StoredEvent::version).containsExactly(4L, 5L);
		assertThat(read(this.store.read(stream, 6))).isEmpty();
		assertThat(this.store.version(stream)).isEqualTo(5);
		assertThat(read(this.store.read(stream + "-none"))).isEmpty();
		assertThat(this.store.version(stream + "-none")).isZero();
	}

	@Test
	void aStreamBeingReadHoldsTheEventsOfItsCurrentPageNotThoseReadBefore(TestInfo test) {
		String stream = stream(test);
		this.store.append(stream, ExpectedVersion.noStream(),
				LongStream.rangeClosed(1, 8).mapToObj(Credited::new).toList());
		try (Stream<StoredEvent> events = this.store.read(stream)) {
			Iterator<StoredEvent> reading = events.iterator();
			WeakReference<StoredEvent> first = new WeakReference<>(reading.next());
			for (int read = 2; read <= 5; read++) {
				reading.next();
			}
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
				System.gc();
				return first.get() == null;
			});
			assertThat(reading).toIterable()
				.extracting(StoredEvent::event)
				.containsExactly(new Credited(6), new Credited(7), new Credited(8));
		}
	}

	@Test
	void anAppendThatFindsItsStreamAtAnotherVersionFailsNamingBothAndStoresNothing(TestInfo test) {
		String stream = stream(test);
		this.store.append(stream, ExpectedVersion.noStream(), new Opened("a-2"), new Credited(1));
		assertThatExceptionOfType(ConcurrencyConflictException.class)
			.isThrownBy(() -> this.store.append(stream, ExpectedVersion.noStream(), new Opened("again")))
			.withMessage("Stream '%s' is at version 2; the append expected no stream", stream)
			.isInstanceOf(DataAccessException.class)
			.satisfies((ex) -> {
				assertThat(ex.getStream()).isEqualTo(stream);
				assertThat(ex.getExpectedVersion()).isEqualTo(ExpectedVersion.noStream());
				assertThat(ex.getActualVersion()).isEqualTo(2);
			});
		assertThatExceptionOfType(ConcurrencyConflictException.class)
			.isThrownBy(() -> this.store.append(stream, ExpectedVersion.exactly(1), new Credited(2)))
			.withMessage("Stream '%s' is at version 2; the append expected version 1", stream);
		assertThatExceptionOfType(ConcurrencyConflictException.class)
			.isThrownBy(() -> this.store.append(stream + "-new", ExpectedVersion.exactly(4), new Credited(2)))
			.withMessage("Stream '%s-new' has no events; the append expected version 4", stream);
		assertThat(this.store.version(stream)).isEqualTo(2);
		assertThat(this.store.version(stream + "-new")).isZero();
		assertThat(countRows(stream)).isEqualTo(2);
		assertThat(countRows(stream + "-new")).isZero();
		assertThat(this.store.append(stream, ExpectedVersion.any(), new Credited(3))).isEqualTo(3);
		assertThat(this.store.append(stream + "-any", ExpectedVersion.any(), new Opened("a-3"))).isEqualTo(1);
	}

	@Test
	void concurrentAppendsExpectingOneVersionHaveExactlyOneWinnerPerVersion(TestInfo test) throws Exception {
		String stream = stream(test);
		ConcurrentLinkedQueue<Long> won = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<ConcurrencyConflictException> conflicts = new ConcurrentLinkedQueue<>();
		runOnThreads((thread) -> {
			int wins = 0;
			while (wins < APPENDS_PER_THREAD) {
				long version = this.store.version(stream);
				try {
					won.add(this.store.append(stream, ExpectedVersion.exactly(version), new Credited(thread)));
					wins++;
				}
				catch (ConcurrencyConflictException ex) {
					conflicts.add(ex);
				}
			}
		});
		long appended = THREADS * APPENDS_PER_THREAD;
		assertThat(won).as("the version each winning append returned")
			.containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, appended).boxed().toList());
		assertThat(conflicts).as("appends that lost a race").isNotEmpty();
		assertThat(read(this.store.read(stream))).extracting(StoredEvent::version)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, appended).boxed().toList());
		assertThat(countRows(stream)).isEqualTo(appended);
	}

	@Test
	void concurrentAppendsExpectingAnyVersionAllGoAhead(TestInfo test) throws Exception {
		String stream = stream(test);
		long existing = createsOneStreamConcurrently() ? 0
				: this.store.append(stream, ExpectedVersion.noStream(), new Opened("a-5"));
		ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();
		runOnThreads((thread) -> {
			for (int n = 0; n < APPENDS_PER_THREAD; n++) {
				versions.add(this.store.append(stream, ExpectedVersion.any(), new Credited(thread)));
			}
		});
		long appended = existing + THREADS * APPENDS_PER_THREAD;
		assertThat(versions)
			.containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(existing + 1, appended).boxed().toList());
		assertThat(read(this.store.read(stream))).extracting(StoredEvent::version)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, appended).boxed().toList());
	}

	@Test
	void appendedEventsArePublishedKeyedByTheirStreamWithTheirIdsAndNotWhenTheTransactionRollsBack(TestInfo test) {
		String stream = stream(test);
		String rolledBack = stream + "-rolled-back";
		this.context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			this.store.append(rolledBack, ExpectedVersion.noStream(), new Opened("never"));
			status.setRollbackOnly();
		});
		assertThat(this.store.version(rolledBack)).isZero();
		assertThat(countRows(rolledBack)).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM events_outbox WHERE partition_key = ?")
			.param(rolledBack)
			.query(Long.class)
			.single()).as("outbox rows of the rolled-back append").isZero();
		this.store.append(stream, ExpectedVersion.noStream(), new Opened("a-4"), new Credited(7));
		List<UUID> ids = read(this.store.read(stream)).stream().map(StoredEvent::id).toList();
		List<ConsumerRecord<String, CloudEvent>> records = TopicReader.readUntil(TOPIC,
				(read) -> keyed(read, stream).size() == ids.size(), Duration.ofSeconds(30));
		List<ConsumerRecord<String, CloudEvent>> published = keyed(records, stream);
		assertThat(published).extracting((record) -> UUID.fromString(record.value().getId()))
			.containsExactlyElementsOf(ids);
		assertThat(published).extracting((record) -> record.value().getType())
			.containsExactly("test.store.Opened", "test.store.Credited");
		assertThat(published).extracting((record) -> record.value().getSubject()).containsOnly(stream);
		assertThat(keyed(records, rolledBack)).isEmpty();
	}

	@Test
	void readingAllStreamsNeverPassesAnEventWhoseTransactionCommitsAfterALaterOneWritten(TestInfo test) {
		String early = stream(test) + "-written-first";
		String late = stream(test) + "-written-second";
		TransactionTemplate transactions = this.context.getBean(TransactionTemplate.class);
		try (HeldTransaction held = HeldTransaction.open(transactions,
				() -> this.store.append(early, ExpectedVersion.noStream(), new Opened("early")))) {
			this.store.append(late, ExpectedVersion.noStream(), new Opened("late"));
			List<StoredEvent> beforeCommit = readAll(1, early, late);
			assertThat(beforeCommit).extracting(StoredEvent::stream).containsExactly(late);
			long passed = beforeCommit.get(0).position();
			held.commit();
			assertThat(readAll(passed + 1, early, late)).as("read on from the position passed")
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.stream()).isEqualTo(early);
					assertThat(event.position()).isGreaterThan(passed);
				});
		}
		assertThat(rowId(early)).as("the held append wrote first").isLessThan(rowId(late));
		assertThat(readAll(1, early, late)).extracting(StoredEvent::stream).containsExactly(late, early);
		assertThat(read(this.store.read(early))).extracting(StoredEvent::position).doesNotContain(0L);
	}

	@Test
	void readingAllStreamsPositionsEventsWrittenAroundOneStillUncommittedAndThatOneAfterThem(TestInfo test) {
		String before = stream(test) + "-before";
		String held = stream(test) + "-held";
		String after = stream(test) + "-after";
		TransactionTemplate transactions = this.context.getBean(TransactionTemplate.class);
		this.store.append(before, ExpectedVersion.noStream(), new Opened("before"));
		try (HeldTransaction open = HeldTransaction.open(transactions,
				() -> this.store.append(held, ExpectedVersion.noStream(), new Opened("held")))) {
			this.store.append(after, ExpectedVersion.noStream(), new Opened("after"));
			List<StoredEvent> committed = readAll(1, before, held, after);
			assertThat(committed).extracting(StoredEvent::stream).containsExactly(before, after);
			open.commit();
			assertThat(readAll(committed.get(1).position() + 1, before, held, after)).singleElement()
				.extracting(StoredEvent::stream)
				.isEqualTo(held);
		}
		assertThat(rowId(held)).as("the held append wrote between the others")
			.isBetween(rowId(before), rowId(after));
		assertThat(readAll(1, before, held, after)).extracting(StoredEvent::stream)
			.containsExactly(before, after, held);
	}

	@Test
	void eventsOfUnpublishedTypesAndStreamCategoriesAreKeptAndNotPublished(TestInfo test) {
		String internal = "internal-" + stream(test);
		String stream = stream(test);
		this.store.append(internal, ExpectedVersion.noStream(), new Opened("kept"));
		this.store.append(stream, ExpectedVersion.noStream(), new Opened("published"), new Debited(1));
		assertThat(read(this.store.read(internal))).extracting(StoredEvent::event).containsExactly(new Opened("kept"));
		assertThat(read(this.store.read(stream))).hasSize(2);
		assertThat(this.context.getBean(StoreTestBeans.class).published)
			.filteredOn((event) -> List.of(internal, stream).contains(event.key()))
			.extracting(OutboundEvent::type)
			.as("events published")
			.containsExactly("test.store.Opened");
	}

	@Test
	void readingAllStreamsFromATimeGivesTheEventsAppendedSince(TestInfo test) throws InterruptedException {
		String stream = stream(test);
		this.store.append(stream, ExpectedVersion.noStream(), new Opened("before"));
		Thread.sleep(5);
		OffsetDateTime since = OffsetDateTime.now();
		Thread.sleep(5);
		this.store.append(stream, ExpectedVersion.exactly(1), new Credited(1));
		assertThat(read(this.store.readAll(since))).filteredOn((event) -> event.stream().equals(stream))
			.extracting(StoredEvent::event)
			.containsExactly(new Credited(1));
	}

	@Test
	void eventsStoredUnderAFormerTypeAndShapeReadAsTheClassIsNow(TestInfo test) {
		String stream = stream(test);
		this.store.append(stream, ExpectedVersion.noStream(), new Credited(5), new Credited(6));
		this.jdbc.sql("UPDATE events_store SET event_type = ?, data = ? WHERE stream_id = ? AND version = 1")
			.params("test.store.CreditedV0", "{\"value\": 5}".getBytes(StandardCharsets.UTF_8), stream)
			.update();
		assertThat(read(this.store.read(stream))).extracting(StoredEvent::type, StoredEvent::event)
			.containsExactly(tuple("test.store.CreditedV0", new Credited(5)),
					tuple("test.store.Credited", new Credited(6)));
	}

	@Test
	void anAggregateIsSavedAsTheEventsItRaisedAndLoadedBackByFoldingThem(TestInfo test) {
		AggregateRepository<Account> accounts = accounts(test);
		Account opened = accounts.create();
		opened.open("alice");
		opened.credit(10);
		assertThat(accounts.save("1", opened)).isEqualTo(2);
		assertThat(opened.version()).isEqualTo(2);
		assertThat(opened.changes()).isEmpty();
		Account loaded = accounts.load("1").orElseThrow();
		assertThat(loaded.state()).isEqualTo(new AccountState("alice", 10));
		assertThat(loaded.version()).isEqualTo(2);
		loaded.debit(3);
		assertThat(accounts.save("1", loaded)).isEqualTo(3);
		opened.credit(1);
		assertThatExceptionOfType(ConcurrencyConflictException.class).isThrownBy(() -> accounts.save("1", opened))
			.withMessageContaining("is at version 3; the append expected version 2");
		assertThat(accounts.load("1").orElseThrow().state()).isEqualTo(new AccountState("alice", 7));
		assertThat(accounts.load("2")).isEmpty();
	}

	@Test
	void aLoadStartsFromTheLatestSnapshotAndIgnoresOneThatNoLongerReads(TestInfo test) {
		AggregateRepository<Account> accounts = accounts(test).withSnapshots(3, AccountState.class, Account::state,
				Account::restore);
		saveInSteps(accounts, "1", 2, 2, 3);
		String stream = stream(test) + "-account-1";
		assertThat(snapshotVersion(stream)).as("the snapshot of the save that passed version 6").isEqualTo(7);
		this.jdbc.sql("UPDATE events_store SET data = ? WHERE stream_id = ?")
			.params("not json".getBytes(StandardCharsets.UTF_8), stream)
			.update();
		try {
			assertThat(accounts.load("1").orElseThrow().state()).as("from the snapshot, without reading an event")
				.isEqualTo(new AccountState("alice", 6));
		}
		finally {
			this.jdbc.sql("DELETE FROM events_store WHERE stream_id = ?").param(stream).update();
		}
		saveInSteps(accounts, "2", 2, 2);
		Account later = accounts.load("2").orElseThrow();
		later.credit(100);
		accounts.save("2", later);
		this.jdbc.sql("UPDATE events_store_snapshot SET data = ? WHERE stream_id = ?")
			.params("{\"balance\": \"a lot\"}".getBytes(StandardCharsets.UTF_8), stream(test) + "-account-2")
			.update();
		Account fromEvents = accounts.load("2").orElseThrow();
		assertThat(fromEvents.state()).as("from all events").isEqualTo(new AccountState("alice", 103));
		assertThat(fromEvents.version()).isEqualTo(5);
	}

	@Test
	void firstSnapshotsOfNeighbouringStreamsAreSavedWithoutWaitingForEachOther(TestInfo test) {
		AggregateRepository<Account> accounts = accounts(test).withSnapshots(1, AccountState.class, Account::state,
				Account::restore);
		TransactionTemplate transactions = this.context.getBean(TransactionTemplate.class);
		try (HeldTransaction held = HeldTransaction.open(transactions, () -> saveInSteps(accounts, "1", 1))) {
			CompletableFuture<Void> neighbour = CompletableFuture
				.runAsync(() -> transactions.executeWithoutResult((status) -> saveInSteps(accounts, "2", 1)));
			assertThat(neighbour).as("the save of the neighbouring stream's first snapshot, while the other is open")
				.succeedsWithin(Duration.ofSeconds(5));
			held.commit();
		}
		assertThat(snapshotVersion(stream(test) + "-account-1")).isEqualTo(1);
		assertThat(snapshotVersion(stream(test) + "-account-2")).isEqualTo(1);
	}

	private AggregateRepository<Account> accounts(TestInfo test) {
		return this.context.getBean(AggregateRepositories.class).of(Account::new, stream(test) + "-account-");
	}

	/**
	 * Open an account and save it in steps of the given numbers of events, each credit 1.
	 */
	private static void saveInSteps(AggregateRepository<Account> accounts, String id, int... steps) {
		Account account = accounts.create();
		account.open("alice");
		for (int step = 0; step < steps.length; step++) {
			for (int n = (step == 0) ? 1 : 0; n < steps[step]; n++) {
				account.credit(1);
			}
			accounts.save(id, account);
		}
	}

	private long snapshotVersion(String stream) {
		return this.jdbc.sql("SELECT version FROM events_store_snapshot WHERE stream_id = ?")
			.param(stream)
			.query(Long.class)
			.single();
	}

	private String stream(TestInfo test) {
		return this.streamPrefix + test.getTestMethod().orElseThrow().getName();
	}

	private List<StoredEvent> readAll(long fromPosition, String... streams) {
		List<String> wanted = List.of(streams);
		return read(this.store.readAll(fromPosition)).stream()
			.filter((event) -> wanted.contains(event.stream()))
			.toList();
	}

	private long rowId(String stream) {
		return this.jdbc.sql("SELECT id FROM events_store WHERE stream_id = ?")
			.param(stream)
			.query(Long.class)
			.single();
	}

	private long countRows(String stream) {
		return this.jdbc.sql("SELECT COUNT(*) FROM events_store WHERE stream_id = ?")
			.param(stream)
			.query(Long.class)
			.single();
	}

	static List<StoredEvent> read(Stream<StoredEvent> events) {
		try (events) {
			return events.toList();
		}
	}

	private static List<ConsumerRecord<String, CloudEvent>> keyed(List<ConsumerRecord<String, CloudEvent>> records,
			String key) {
		return records.stream().filter((record) -> key.equals(record.key())).toList();
	}

	private static void runOnThreads(ThreadWork work) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			IntStream.range(0, THREADS).forEach((thread) -> futures.add(executor.submit(() -> {
				work.run(thread);
				return null;
			})));
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface ThreadWork {

		void run(int thread) throws Exception;

	}

	/**
	 * Reads Credited events stored before their amount was called so, and records what is
	 * published.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StoreTestBeans {

		final Queue<OutboundEvent> published = new ConcurrentLinkedQueue<>();

		@Bean
		EventPublicationListener recordPublished() {
			return (event, outbound) -> this.published.add(outbound);
		}

		@Bean
		EventUpcaster amountWasValue() {
			return new EventUpcaster() {

				@Override
				public boolean upcasts(String type) {
					return type.equals("test.store.CreditedV0");
				}

				@Override
				public JsonNode upcast(String type, JsonNode data) {
					ObjectNode current = ((ObjectNode) data).deepCopy();
					current.set("amount", current.remove("value"));
					return current;
				}

			};
		}

	}

	static final class Account extends EventSourcedAggregate {

		private @Nullable String owner;

		private long balance;

		void open(String owner) {
			raise(new Opened(owner));
		}

		void credit(long amount) {
			raise(new Credited(amount));
		}

		void debit(long amount) {
			if (amount > this.balance) {
				throw new IllegalStateException("Insufficient funds");
			}
			raise(new Debited(amount));
		}

		AccountState state() {
			return new AccountState(this.owner, this.balance);
		}

		void restore(AccountState state) {
			this.owner = state.owner();
			this.balance = state.balance();
		}

		@Override
		protected void apply(Object event) {
			if (event instanceof Opened opened) {
				this.owner = opened.owner();
			}
			else if (event instanceof Credited credited) {
				this.balance += credited.amount();
			}
			else if (event instanceof Debited debited) {
				this.balance -= debited.amount();
			}
		}

	}

	record AccountState(@Nullable String owner, long balance) {
	}

	@DomainEvent(type = "test.store.Opened", topic = TOPIC)
	record Opened(String owner) {
	}

	@DomainEvent(type = "test.store.Credited", topic = TOPIC, aliases = "test.store.CreditedV0")
	record Credited(long amount) {
	}

	@DomainEvent(type = "test.store.Debited", topic = TOPIC)
	record Debited(long amount) {
	}

}
