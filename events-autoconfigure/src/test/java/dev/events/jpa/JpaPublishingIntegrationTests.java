package dev.events.jpa;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublisher;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing from a JPA transaction on the events DataSource: Boot's
 * {@link JpaTransactionManager} exposes its connection, so the event commits or rolls back with
 * the entity.
 */
@SpringBootTest(classes = JpaPublishingIntegrationTests.JpaApplication.class,
		properties = { "spring.autoconfigure.exclude=", "spring.jpa.hibernate.ddl-auto=create",
				"events.topics.parcels-jpa.partitions=1" })
@DirtiesContext
class JpaPublishingIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "jpa");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	EntityManager entityManager;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void jpaTransactionManagerIsTheOneBootCreated() {
		assertThat(this.transactionManager).isInstanceOf(JpaTransactionManager.class);
	}

	@Test
	void eventCommitsWithTheEntityAndNotAtAllWhenTheTransactionRollsBack() {
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		UUID rolledBack = transactions.execute((status) -> {
			this.entityManager.persist(new Parcel("p-1"));
			UUID id = this.publisher.publish(new ParcelShipped("p-1", 0));
			status.setRollbackOnly();
			return id;
		});
		UUID committed = transactions.execute((status) -> {
			this.entityManager.persist(new Parcel("p-2"));
			return this.publisher.publish(new ParcelShipped("p-2", 0));
		});

		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("parcels-jpa", 1);
		assertThat(records).extracting((record) -> TopicReader.header(record, "ce_id"))
			.containsExactly(committed.toString())
			.doesNotContain(rolledBack.toString());
		Parcel kept = transactions.execute((status) -> this.entityManager.find(Parcel.class, "p-2"));
		Parcel discarded = transactions.execute((status) -> this.entityManager.find(Parcel.class, "p-1"));
		assertThat(kept).isNotNull();
		assertThat(discarded).isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class JpaApplication {

	}

	@Entity
	static class Parcel {

		@Id
		private String id;

		protected Parcel() {
		}

		Parcel(String id) {
			this.id = id;
		}

	}

	@DomainEvent(type = "dev.events.test.ParcelShipped", topic = "parcels-jpa", key = "parcelId")
	record ParcelShipped(String parcelId, int sequence) {
	}

}
