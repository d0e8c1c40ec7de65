package dev.events.consume;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static dev.events.test.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure raised only when a poll's transaction commits (a deferred constraint, a JPA flush)
 * names no record. The records are then handled one transaction each, so only the record that
 * caused it becomes a dead letter and the innocent ones of the same poll keep their effects.
 */
@SpringBootTest(classes = { TestApplication.class, CommitTimeFailureIntegrationTests.Receipts.class },
		properties = { "events.handlers.dead-letters.destination=topic",
				"events.topics.deferred-receipts.partitions=1", "events.topics.deferred-receipts.dead-letter=true",
				"spring.flyway.locations=classpath:db/receipts-migration", "events.handlers.retry.max-attempts=2",
				"events.handlers.retry.initial-interval=50ms" })
@DirtiesContext
class CommitTimeFailureIntegrationTests {

	private static final String HANDLER_ID = "receipt-writer";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "commit_time");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void onlyTheRecordThatBreaksADeferredConstraintIsDeadLettered() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("INSERT INTO receipts (order_id) VALUES ('taken')").update();
		MessageListenerContainer container = this.listeners.getListenerContainer(HANDLER_ID);
		container.stop();
		this.transactions.executeWithoutResult((status) -> {
			this.publisher.publish(new Receipt("first"));
			this.publisher.publish(new Receipt("taken"));
			this.publisher.publish(new Receipt("third"));
		});
		TopicReader.readRaw("deferred-receipts", 3);
		container.start();

		List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readRaw("deferred-receipts.dlt", 1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM receipts").query(Long.class).single() == 3);
		assertThat(jdbc.sql("SELECT order_id FROM receipts ORDER BY order_id").query(String.class).list())
			.containsExactly("first", "taken", "third");
		assertThat(TopicReader.readRaw("deferred-receipts.dlt", 1)).hasSize(1);
		assertThat(deadLetters).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("taken");
			assertThat(header(record, "kafka_dlt-exception-message")).contains("receipts_once");
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Receipts {

		@Bean
		ReceiptWriter receiptWriter(DataSource dataSource) {
			return new ReceiptWriter(JdbcClient.create(dataSource));
		}

	}

	static class ReceiptWriter {

		private final JdbcClient jdbc;

		ReceiptWriter(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@EventHandler(id = HANDLER_ID)
		void write(Receipt receipt) {
			this.jdbc.sql("INSERT INTO receipts (order_id) VALUES (?)").param(receipt.orderId()).update();
		}

	}

	@DomainEvent(type = "dev.events.test.Receipt", topic = "deferred-receipts", key = "orderId")
	record Receipt(String orderId) {
	}

}
