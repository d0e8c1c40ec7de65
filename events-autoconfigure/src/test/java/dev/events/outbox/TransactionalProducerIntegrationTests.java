package dev.events.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application that uses Kafka transactions itself ({@code transaction-id-prefix}): Boot
 * makes its producer factory transactional and adds a {@link KafkaTransactionManager}. The
 * relay and the dead-letter producer must not inherit that, and the application's own
 * transactional template keeps working.
 */
@SpringBootTest(classes = { TestApplication.class, TransactionalProducerIntegrationTests.Handlers.class },
		properties = { "events.handlers.dead-letters.destination=topic",
				"spring.kafka.producer.transaction-id-prefix=app-tx-", "events.topics.tx-orders.partitions=1",
				"events.topics.tx-orders.dead-letter=true", "events.topics.tx-app.partitions=1",
				"events.handlers.retry.max-attempts=1" })
@DirtiesContext
class TransactionalProducerIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "transactional_producer");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DataSource dataSource;

	@Autowired
	Map<String, PlatformTransactionManager> transactionManagers;

	@Autowired
	KafkaTemplate<Object, Object> applicationTemplate;

	@Test
	void bootCreatesOnlyAKafkaTransactionManager() {
		assertThat(this.transactionManagers).containsOnlyKeys("kafkaTransactionManager");
		assertThat(this.transactionManagers.get("kafkaTransactionManager")).isInstanceOf(KafkaTransactionManager.class);
	}

	@Test
	void eventsReachKafkaAndDeadLettersTheirTopic() {
		List<UUID> ids = List.of(this.publisher.publish(new TxOrder("o-1", false)),
				this.publisher.publish(new TxOrder("o-2", true)));

		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("tx-orders", 2);
		assertThat(records).extracting((record) -> TopicReader.header(record, "ce_id"))
			.containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
		await().atMost(Duration.ofSeconds(10)).until(() -> new OutboxRows(this.dataSource).all("tx-orders") == 0);
		assertThat(TopicReader.readRaw("tx-orders.dlt", 1))
			.extracting((record) -> TopicReader.header(record, "ce_id"))
			.containsExactly(ids.get(1).toString());
	}

	@Test
	void applicationsOwnTransactionalTemplateStillWorks() {
		this.applicationTemplate.executeInTransaction((template) -> template.send("tx-app", "k", "v"));
		assertThat(TopicReader.readRaw("tx-app", 1)).hasSize(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		Rejecter rejecter() {
			return new Rejecter();
		}

	}

	static class Rejecter {

		@EventHandler(id = "tx-order-rejecter")
		void reject(TxOrder order) {
			if (order.reject()) {
				throw new IllegalStateException("Rejected on purpose");
			}
		}

	}

	@DomainEvent(type = "dev.events.test.TxOrder", topic = "tx-orders", key = "orderId")
	record TxOrder(String orderId, boolean reject) {
	}

}
