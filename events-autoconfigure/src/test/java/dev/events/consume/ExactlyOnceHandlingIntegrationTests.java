package dev.events.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.events.context.EventContext;
import dev.events.outbox.OutboxStore;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;
import dev.events.support.TestApplication;
import dev.events.test.ConsumerGroupLag;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that writes a ledger row per event through the same database ends with exactly one
 * row per event id, however often Kafka delivers the event. The PostgreSQL driver rewrites
 * batched inserts ({@code reWriteBatchedInserts=true}, a common tuning), which hides per-row
 * update counts: the inbox must not depend on them.
 */
@SpringBootTest(classes = { TestApplication.class, ExactlyOnceHandlingIntegrationTests.Ledger.class },
		properties = { "events.topics.ledger.partitions=2", "spring.flyway.locations=classpath:db/ledger-migration",
				"events.handlers.retry.initial-interval=100ms", "events.handlers.retry.max-interval=200ms" })
abstract class ExactlyOnceHandlingIntegrationTests {

	private static final String HANDLER_ID = "ledger-writer";

	@Autowired
	EventPublisher publisher;

	@Autowired
	OutboundEventFactory outboundEvents;

	@Autowired
	OutboxStore outbox;

	@Autowired
	DataSource dataSource;

	@Autowired
	Ledger ledger;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void handlerThatFailsAfterItsWriteIsRolledBackAndRetriedIntoOneRow() {
		UUID id = this.publisher.publish(new LedgerEntry("failing-once", 10, true));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.invocations(id) == 2);
		assertThat(ledgerRows(id)).isEqualTo(1);
	}

	@Test
	void sameEventSentTwiceByTheOutboxIsHandledOnce() {
		OutboundEvent event = this.outboundEvents.create(new LedgerEntry("sent-twice", 20, false), EventContext.empty());
		this.outbox.append(event);
		this.outbox.append(event);
		TopicReader.readUntil("ledger",
				(records) -> records.stream().filter((record) -> record.value().getId().equals(event.id().toString()))
					.count() == 2,
				Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.invocations(event.id()) >= 1);
		awaitCaughtUp();
		assertThat(this.ledger.invocations(event.id())).isEqualTo(1);
		assertThat(ledgerRows(event.id())).isEqualTo(1);
	}

	@Test
	void eventsConsumedAgainAfterAnOffsetResetAreNotHandledAgain() throws Exception {
		UUID first = this.publisher.publish(new LedgerEntry("replayed-1", 30, false));
		UUID second = this.publisher.publish(new LedgerEntry("replayed-2", 40, false));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.ledger.invocations(first) == 1 && this.ledger.invocations(second) == 1);
		awaitCaughtUp();
		Map<String, Integer> handledBefore = this.ledger.invocationsById();

		MessageListenerContainer container = this.listeners.getListenerContainer(HANDLER_ID);
		container.stop();
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> beginning = admin
				.listOffsets(partitions(admin).stream().collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.earliest())))
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> new OffsetAndMetadata(e.getValue().offset())));
			admin.alterConsumerGroupOffsets(HANDLER_ID, beginning).all().get();
			assertThat(committedOffsets(admin).values().stream().mapToLong(Long::longValue).sum()).isZero();
		}
		container.start();

		awaitCaughtUp();
		assertThat(this.ledger.invocationsById()).as("invocations of the events handled before the reset")
			.containsAllEntriesOf(handledBefore);
		assertThat(ledgerRows(first)).isEqualTo(1);
		assertThat(ledgerRows(second)).isEqualTo(1);
	}

	private void awaitCaughtUp() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ConsumerGroupLag.of(EmbeddedServices.kafkaBootstrapServers(), HANDLER_ID,
					"ledger"))
				.allSatisfy((partition, lag) -> assertThat(lag).as("%s", partition).isZero()));
	}

	private static Map<TopicPartition, Long> committedOffsets(Admin admin) throws Exception {
		return admin.listConsumerGroupOffsets(HANDLER_ID)
			.partitionsToOffsetAndMetadata()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().offset()));
	}

	private static java.util.List<TopicPartition> partitions(Admin admin) throws Exception {
		return admin.describeTopics(List.of("ledger"))
			.allTopicNames()
			.get()
			.get("ledger")
			.partitions()
			.stream()
			.map((info) -> new TopicPartition("ledger", info.partition()))
			.toList();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServices.kafkaBootstrapServers()));
	}

	private long ledgerRows(UUID eventId) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT COUNT(*) FROM ledger WHERE event_id = ?")
			.param(eventId.toString())
			.query(Long.class)
			.single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Ledger {

		private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

		@Bean
		LedgerWriter ledgerWriter(DataSource dataSource) {
			return new LedgerWriter(JdbcClient.create(dataSource), this);
		}

		int invocations(UUID eventId) {
			AtomicInteger count = this.invocations.get(eventId.toString());
			return (count != null) ? count.get() : 0;
		}

		/**
		 * Return how often each event was handled so far. Other suites publish to the same
		 * topic, so a handler that reads it again from the start meets events it never had.
		 */
		Map<String, Integer> invocationsById() {
			return this.invocations.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().get()));
		}

		int invoked(String eventId) {
			return this.invocations.computeIfAbsent(eventId, (id) -> new AtomicInteger()).incrementAndGet();
		}

	}

	static class LedgerWriter {

		private final JdbcClient jdbc;

		private final Ledger ledger;

		LedgerWriter(JdbcClient jdbc, Ledger ledger) {
			this.jdbc = jdbc;
			this.ledger = ledger;
		}

		@EventHandler(id = HANDLER_ID)
		void write(EventEnvelope<LedgerEntry> entry) {
			this.jdbc.sql("INSERT INTO ledger (event_id, amount) VALUES (?, ?)")
				.params(entry.id(), entry.payload().amount())
				.update();
			int attempt = this.ledger.invoked(entry.id());
			if (entry.payload().failFirstAttempt() && attempt == 1) {
				throw new IllegalStateException("Failing after the write, on purpose");
			}
		}

	}

	@DomainEvent(type = "dev.events.test.LedgerEntry", topic = "ledger", key = "account")
	record LedgerEntry(String account, int amount, boolean failFirstAttempt) {
	}

}
