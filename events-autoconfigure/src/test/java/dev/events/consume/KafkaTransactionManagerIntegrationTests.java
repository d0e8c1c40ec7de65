package dev.events.consume;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.outbox.OutboxTransactionException;
import dev.events.publish.EventPublisher;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.kafka.producer.transaction-id-prefix}, Boot creates a
 * {@link KafkaTransactionManager} and no JDBC one, so {@code @Transactional} begins Kafka
 * transactions that do not include the database. Publishing inside one would commit the event
 * on its own: it fails instead, saying how to fix it. Handlers do not use that manager for their
 * inbox transaction, so a handler's effect is never lost.
 */
@SpringBootTest(classes = { TestApplication.class, KafkaTransactionManagerIntegrationTests.Ledger.class },
		properties = { "spring.kafka.producer.transaction-id-prefix=app-tx-", "events.topics.kafka-tx.partitions=1",
				"spring.flyway.locations=classpath:db/ledger-migration", "events.handlers.retry.initial-interval=100ms" })
@DirtiesContext
class KafkaTransactionManagerIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "kafka_transaction_manager");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DataSource dataSource;

	@Autowired
	Ledger ledger;

	@Test
	void publishingInsideAKafkaTransactionFailsSayingHowToFixItAndSendsNothing() {
		assertThat(this.transactionManager).isInstanceOf(KafkaTransactionManager.class);
		assertThatExceptionOfType(OutboxTransactionException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.publisher.publish(new KafkaTxEntry("refused", 1, false));
				status.setRollbackOnly();
			}))
			.withMessageContaining("dev.events.test.KafkaTxEntry")
			.withMessageContaining("does not manage the events DataSource")
			.withMessageContaining("@Transactional(transactionManager");
		UUID marker = this.publisher.publish(new KafkaTxEntry("marker", 2, false));
		assertThat(TopicReader.readUntil("kafka-tx",
				(records) -> records.stream().anyMatch((record) -> record.value().getId().equals(marker.toString())),
				Duration.ofSeconds(30)))
			.extracting((record) -> record.key())
			.doesNotContain("refused");
		await().atMost(Duration.ofSeconds(10)).until(() -> new OutboxRows(this.dataSource).all("kafka-tx") == 0);
	}

	@Test
	void handlerThatFailsBeforeItsWriteStillHasItsEffectOnceItSucceeds() {
		UUID id = this.publisher.publish(new KafkaTxEntry("fails-first", 10, true));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.invocations(id) >= 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> ledgerRows(id) == 1);
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
		LedgerWriter kafkaTxLedgerWriter(DataSource dataSource) {
			return new LedgerWriter(JdbcClient.create(dataSource), this);
		}

		int invocations(UUID eventId) {
			AtomicInteger count = this.invocations.get(eventId.toString());
			return (count != null) ? count.get() : 0;
		}

	}

	static class LedgerWriter {

		private final JdbcClient jdbc;

		private final Ledger ledger;

		LedgerWriter(JdbcClient jdbc, Ledger ledger) {
			this.jdbc = jdbc;
			this.ledger = ledger;
		}

		@EventHandler(id = "kafka-tx-ledger")
		void write(EventEnvelope<KafkaTxEntry> entry) {
			int attempt = this.ledger.invocations.computeIfAbsent(entry.id(), (id) -> new AtomicInteger())
				.incrementAndGet();
			if (entry.payload().failFirstAttempt() && attempt == 1) {
				throw new IllegalStateException("Failing before the write, on purpose");
			}
			this.jdbc.sql("INSERT INTO ledger (event_id, amount) VALUES (?, ?)")
				.params(entry.id(), entry.payload().amount())
				.update();
		}

	}

	@DomainEvent(type = "dev.events.test.KafkaTxEntry", topic = "kafka-tx", key = "account")
	record KafkaTxEntry(String account, int amount, boolean failFirstAttempt) {
	}

}
