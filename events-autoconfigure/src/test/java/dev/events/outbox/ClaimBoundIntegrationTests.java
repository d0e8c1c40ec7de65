package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.test.EmbeddedServices;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once the relay has sent later events, what it reads next still includes every event that
 * became pending below them: one a transaction committed late, and one retried from parking by
 * another instance, each before the later events of its key. On PostgreSQL the relay reads from
 * just below the events it last sent ({@link ClaimBound}); elsewhere from the lowest sequence, and
 * the outcome is the same.
 */
abstract class ClaimBoundIntegrationTests {

	private static final int OTHER_KEYS = 5;

	private final TestDatabase server;

	private final ExecutorService transactions = Executors.newSingleThreadExecutor();

	private final Set<String> published = ConcurrentHashMap.newKeySet();

	private ConfigurableApplicationContext instance;

	ClaimBoundIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		this.transactions.shutdownNow();
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void eventCommittedLateBelowTheEventsSentSinceIsSentBeforeTheLaterEventsOfItsKey() throws Exception {
		this.instance = start("claim_bound_late");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		CountDownLatch lateInserted = new CountDownLatch(1);
		CountDownLatch commitLate = new CountDownLatch(1);
		Future<?> late = this.transactions.submit(() -> transaction.executeWithoutResult((status) -> {
			publish(publisher, new Bounded("late", 0));
			lateInserted.countDown();
			awaitQuietly(commitLate);
		}));
		assertThat(lateInserted.await(10, TimeUnit.SECONDS)).isTrue();

		publishOtherKeysAndAwaitThemSent(publisher, transaction);
		commitLate.countDown();
		late.get(10, TimeUnit.SECONDS);
		transaction.executeWithoutResult((status) -> publish(publisher, new Bounded("late", 1)));

		awaitAllSentInKeyOrder(OTHER_KEYS + 2);
	}

	@Test
	void eventRetriedFromParkingByAnotherInstanceIsSentBeforeTheLaterEventsOfItsKey() {
		this.instance = start("claim_bound_retried");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		RejectingSender sender = this.instance.getBean(RejectingSender.class);
		sender.reject("parked");
		UUID parked = publisher.publish(new Bounded("parked", 0));
		this.published.add(parked.toString());
		publish(publisher, new Bounded("parked", 1));
		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked("claim-bound") == 1);

		publishOtherKeysAndAwaitThemSent(publisher, transaction);
		sender.accept("parked");
		OutboxStore anotherInstance = new JdbcOutboxStore(this.instance.getBean(DataSource.class),
				this.instance.getBean(EventsDatabase.class).dialect(), 16, false, Clock.systemUTC());
		assertThat(anotherInstance.retryParked(parked)).isTrue();
		publish(publisher, new Bounded("parked", 2));

		awaitAllSentInKeyOrder(OTHER_KEYS + 3);
	}

	/**
	 * Publish events of other keys, each in a transaction of its own, and wait until they are
	 * sent: the relay has read past what is pending below them.
	 */
	private void publishOtherKeysAndAwaitThemSent(EventPublisher publisher, TransactionTemplate transaction) {
		for (int i = 0; i < OTHER_KEYS; i++) {
			Bounded other = new Bounded("other-" + i, 0);
			transaction.executeWithoutResult((status) -> publish(publisher, other));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> sent().stream().filter((record) -> record.key().startsWith("other-")).count() == OTHER_KEYS);
	}

	private void awaitAllSentInKeyOrder(int events) {
		await("all " + events + " events sent").atMost(Duration.ofSeconds(30)).until(() -> sent().size() >= events);
		KeyOrder order = KeyOrder.of(sent(), Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(events);
		assertThat(order.violations()).isEmpty();
	}

	private ConfigurableApplicationContext start(String database) {
		return Instances.on(this.server, database, Rejections.class)
			.properties("events.topics.claim-bound.partitions=2", "events.outbox.relay.max-attempts=1",
					"events.outbox.relay.initial-backoff=20ms", "events.outbox.relay.max-backoff=50ms")
			.run();
	}

	private void publish(EventPublisher publisher, Object event) {
		this.published.add(publisher.publish(event).toString());
	}

	/**
	 * Return the records of the events this test published: the PostgreSQL and MariaDB variants
	 * share a broker.
	 */
	private List<ConsumerRecord<String, byte[]>> sent() {
		return TopicReader.readToEnd(EmbeddedServices.kafkaBootstrapServers(), "claim-bound")
			.stream()
			.filter((record) -> this.published.contains(TopicReader.eventId(record)))
			.toList();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Rejections {

		@Bean
		RejectingSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate, CloudEventRecordMapper mapper) {
			return new RejectingSender(new KafkaEventSender(eventsKafkaTemplate, mapper));
		}

	}

	/**
	 * Sends through the real sender, but fails the events of the keys it is told to reject as a
	 * record too large for the broker would, which parks them.
	 */
	static final class RejectingSender implements EventSender {

		private final EventSender delegate;

		private final Set<String> rejected = ConcurrentHashMap.newKeySet();

		RejectingSender(EventSender delegate) {
			this.delegate = delegate;
		}

		void reject(String key) {
			this.rejected.add(key);
		}

		void accept(String key) {
			this.rejected.remove(key);
		}

		@Override
		public CompletableFuture<?> send(OutboundEvent event) {
			if (this.rejected.contains(event.key())) {
				return CompletableFuture.failedFuture(new RecordTooLargeException("injected: too large"));
			}
			return this.delegate.send(event);
		}

	}

	@DomainEvent(type = "dev.events.test.Bounded", topic = "claim-bound", key = "key")
	record Bounded(String key, int sequence) {
	}

}
