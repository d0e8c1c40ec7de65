package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.jdbc.EventsDatabase;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.support.HeldTransaction;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.PublishedRecords;
import dev.events.support.Sequences;
import dev.events.support.Shards;
import dev.events.support.SlowSender;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay with a backlog reads its next batch while the broker acknowledges the last one (here
 * batches of two, so every full batch does). What it read ahead is sent only if it still may go
 * first: an event committed late with an earlier sequence, whose key has later events in the batch
 * read ahead, is sent before them; an event parked in a batch holds back the later events of its
 * key read ahead; and a batch read ahead is not sent when one of its shards was handed over
 * meanwhile.
 */
abstract class PipelinedRelayIntegrationTests {

	private static final int BATCH = 2;

	private static final int SHARDS = 16;

	private final TestDatabase server;

	private final List<HeldTransaction> held = new ArrayList<>();

	private final PublishedRecords published = new PublishedRecords();

	private ConfigurableApplicationContext instance;

	PipelinedRelayIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		this.held.forEach(HeldTransaction::close);
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void eventCommittedLateWithAnEarlierSequenceIsSentBeforeTheLaterEventsOfItsKeyReadAhead() {
		this.instance = start("pipelined_late", "pipelined-late");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		HeldTransaction late = holdOpen(transaction, () -> publish(publisher, new Late("late", 0)));
		this.instance.getBean(HookedSender.class).beforeFirstSend((event) -> {
			late.commit();
			transaction.executeWithoutResult((status) -> publish(publisher, new Late("late", 1)));
		});

		transaction.executeWithoutResult((status) -> {
			publish(publisher, new Late("first", 0));
			publish(publisher, new Late("second", 0));
		});

		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("pipelined-late") == 0);
		List<ConsumerRecord<String, byte[]>> records = this.published.on("pipelined-late");
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(4);
		assertThat(order.violations()).isEmpty();
	}

	@Test
	void eventParkedInABatchHoldsBackTheLaterEventsOfItsKeyReadAhead() {
		this.instance = start("pipelined_parked", "pipelined-parked", "events.outbox.relay.max-attempts=1");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(this.instance.getBean(PlatformTransactionManager.class));
		this.instance.getBean(HookedSender.class).failOnce("parked", 0);
		transaction.executeWithoutResult((status) -> {
			for (int sequence = 0; sequence < 3; sequence++) {
				publish(publisher, new Parked("other", sequence));
				publish(publisher, new Parked("parked", sequence));
			}
		});

		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked("pipelined-parked") == 1);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(rows.pending("pipelined-parked")).as("the events behind the parked one").isEqualTo(2);
			assertThat(this.published.on("pipelined-parked"))
				.extracting(ConsumerRecord::key)
				.containsExactly("other", "other", "other");
		});
	}

	@Test
	void batchReadAheadIsNotSentWhenOneOfItsShardsIsNoLongerLeased() {
		this.instance = start("pipelined_leases", "pipelined-leases", "events.outbox.relay.enabled=false");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(this.instance.getBean(PlatformTransactionManager.class));
		String moving = Shards.keys("moving-", 1, SHARDS, (shard) -> true).iterator().next();
		int movingShard = Shards.of(moving, SHARDS);
		String staying = Shards.keys("staying-", 1, SHARDS, (shard) -> shard != movingShard).iterator().next();
		ShrinkingLeases leases = new ShrinkingLeases(new JdbcShardLeases(this.instance.getBean(DataSource.class),
				this.instance.getBean(EventsDatabase.class).dialect(), "reader", SHARDS, Duration.ofSeconds(10)));
		HookedSender sender = new HookedSender(new SlowSender(this.instance.getBean(HookedSender.class),
				Duration.ofMillis(500)));
		HeldTransaction late = holdOpen(transaction, () -> publish(publisher, new Moving(moving, 0)));
		sender.beforeFirstSend((event) -> {
			late.commit();
			transaction.executeWithoutResult((status) -> {
				publish(publisher, new Moving(staying, 0));
				publish(publisher, new Moving(moving, 1));
			});
			CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> leases.remove(movingShard));
		});
		transaction.executeWithoutResult((status) -> {
			publish(publisher, new Moving("first", 0));
			publish(publisher, new Moving("second", 0));
		});
		OutboxRelay relay = new OutboxRelay(this.instance.getBean(OutboxStore.class), leases, sender,
				new OutboxRelaySettings(BATCH, Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofMillis(50),
						10, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ZERO, Duration.ofMinutes(1), 5000),
				Clock.systemUTC(), new SimpleMeterRegistry());
		relay.start();
		try {
			OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.published.on("pipelined-leases")
					.size() >= 3);
			await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(rows.pending("pipelined-leases")).as("both events of the shard no longer leased").isEqualTo(2);
				assertThat(this.published.on("pipelined-leases"))
					.extracting(ConsumerRecord::key)
					.containsExactlyInAnyOrder("first", "second", staying);
			});
		}
		finally {
			relay.stop();
		}
	}

	private ConfigurableApplicationContext start(String database, String topic, String... properties) {
		return Instances.on(this.server, database, Hooks.class)
			.properties("events.topics." + topic + ".partitions=2", "events.outbox.relay.batch-size=" + BATCH,
					"events.outbox.relay.initial-backoff=20ms", "events.outbox.relay.max-backoff=50ms")
			.properties(properties)
			.run();
	}

	private void publish(EventPublisher publisher, Object event) {
		this.published.publish(publisher, event);
	}

	private HeldTransaction holdOpen(TransactionTemplate transaction, Runnable work) {
		HeldTransaction transactionHeld = HeldTransaction.open(transaction, work);
		this.held.add(transactionHeld);
		return transactionHeld;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		HookedSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate, CloudEventRecordMapper mapper) {
			return new HookedSender(new KafkaEventSender(eventsKafkaTemplate, mapper));
		}

	}

	/**
	 * Sends through the real sender, after running a hook once, and fails the first send of one
	 * event as a record too large for the broker would.
	 */
	static final class HookedSender implements EventSender {

		private final EventSender delegate;

		private final Map<String, Boolean> failures = new ConcurrentHashMap<>();

		private volatile Consumer<OutboundEvent> beforeFirstSend = (event) -> {
		};


		HookedSender(EventSender delegate) {
			this.delegate = delegate;
		}

		void beforeFirstSend(Consumer<OutboundEvent> hook) {
			this.beforeFirstSend = hook;
		}

		void failOnce(String key, int sequence) {
			this.failures.put(key + "/" + sequence, Boolean.TRUE);
		}

		@Override
		public CompletableFuture<?> send(OutboundEvent event) {
			Consumer<OutboundEvent> hook = this.beforeFirstSend;
			this.beforeFirstSend = (next) -> {
			};
			hook.accept(event);
			String sequence = new String(event.data()).replaceAll(".*\"sequence\":(\\d+).*", "$1");
			if (this.failures.remove(event.key() + "/" + sequence) != null) {
				return CompletableFuture.failedFuture(new RecordTooLargeException("injected: too large"));
			}
			return this.delegate.send(event);
		}

	}

	@DomainEvent(type = "dev.events.test.Late", topic = "pipelined-late", key = "key")
	record Late(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.Parked", topic = "pipelined-parked", key = "key")
	record Parked(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.Moving", topic = "pipelined-leases", key = "key")
	record Moving(String key, int sequence) {
	}

	/**
	 * Leases that give up a shard on demand at their next renewal, in memory only, as an instance
	 * does that hands a shard over while the database still records it as its own.
	 */
	static final class ShrinkingLeases implements ShardLeases {

		private final ShardLeases delegate;

		private final Set<Integer> removed = ConcurrentHashMap.newKeySet();

		ShrinkingLeases(JdbcShardLeases delegate) {
			delegate.afterPropertiesSet();
			this.delegate = delegate;
		}

		void remove(int shard) {
			this.removed.add(shard);
		}

		@Override
		public LeasedShards refresh(Set<Integer> busy) {
			LeasedShards leased = this.delegate.refresh(busy);
			Set<Integer> kept = new HashSet<>(leased.shards());
			kept.removeAll(this.removed);
			return leased.only(kept);
		}

		@Override
		public void releaseAll() {
			this.delegate.releaseAll();
		}

		@Override
		public Map<Integer, String> owners() {
			return this.delegate.owners();
		}

	}

}
