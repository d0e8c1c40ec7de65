package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

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
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
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

	private static final String TOPIC = "claim-bound";

	private static final int OTHER_KEYS = 5;

	private final TestDatabase server;

	private final PublishedRecords published = new PublishedRecords();

	private ConfigurableApplicationContext instance;

	ClaimBoundIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void eventCommittedLateBelowTheEventsSentSinceIsSentBeforeTheLaterEventsOfItsKey() {
		this.instance = start("claim_bound_late");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		try (HeldTransaction late = HeldTransaction.open(transaction,
				() -> this.published.publish(publisher, new Bounded("late", 0)))) {
			publishOtherKeysAndAwaitThemSent(publisher, transaction);
			late.commit();
		}
		transaction.executeWithoutResult((status) -> this.published.publish(publisher, new Bounded("late", 1)));

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
		UUID parked = this.published.publish(publisher, new Bounded("parked", 0));
		this.published.publish(publisher, new Bounded("parked", 1));
		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.parked(TOPIC) == 1);

		publishOtherKeysAndAwaitThemSent(publisher, transaction);
		sender.accept("parked");
		OutboxStore anotherInstance = new JdbcOutboxStore(this.instance.getBean(DataSource.class),
				this.instance.getBean(EventsDatabase.class).dialect(), 16, false, Clock.systemUTC());
		assertThat(anotherInstance.retryParked(parked)).isTrue();
		this.published.publish(publisher, new Bounded("parked", 2));

		awaitAllSentInKeyOrder(OTHER_KEYS + 3);
	}

	/**
	 * Publish events of other keys, each in a transaction of its own, and wait until they are
	 * sent: the relay has read past what is pending below them.
	 */
	private void publishOtherKeysAndAwaitThemSent(EventPublisher publisher, TransactionTemplate transaction) {
		for (int i = 0; i < OTHER_KEYS; i++) {
			Bounded other = new Bounded("other-" + i, 0);
			transaction.executeWithoutResult((status) -> this.published.publish(publisher, other));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.published.on(TOPIC)
				.stream()
				.filter((record) -> record.key().startsWith("other-"))
				.count() == OTHER_KEYS);
	}

	private void awaitAllSentInKeyOrder(int events) {
		await("all " + events + " events sent").atMost(Duration.ofSeconds(30))
			.until(() -> this.published.on(TOPIC).size() >= events);
		KeyOrder order = KeyOrder.of(this.published.on(TOPIC), Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(events);
		assertThat(order.violations()).isEmpty();
	}

	private ConfigurableApplicationContext start(String database) {
		return Instances.on(this.server, database, Rejections.class)
			.properties("events.topics." + TOPIC + ".partitions=2", "events.outbox.relay.max-attempts=1",
					"events.outbox.relay.initial-backoff=20ms", "events.outbox.relay.max-backoff=50ms")
			.run();
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
