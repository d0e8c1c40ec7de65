package dev.events.publish;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code events.tenancy.required=true}, an event without a tenant is refused before
 * anything is written: it never reaches Kafka, while a later event with a tenant does.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "events.tenancy.required=true", "events.topics.tenanted.partitions=1" })
@DirtiesContext
class TenancyRequiredIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "tenancy");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Test
	void publishingWithoutTenantFailsClearlyAndWritesNothing() {
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.transactions
				.executeWithoutResult((status) -> this.publisher.publish(new TenantedEvent("no-tenant"))))
			.withMessageContaining("dev.events.test.TenantedEvent")
			.withMessageContaining("events.tenancy.required=true");
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.publisher.publish(new TenantedEvent("blank"), EventContext.empty().withTenantId(" ")));
		assertThat(new OutboxRows(this.dataSource).all("tenanted")).isZero();
		UUID marker = this.publisher.publish(new TenantedEvent("marker"), EventContext.empty().withTenantId("acme"));
		List<String> keysOnTheTopic = TopicReader
			.readUntil("tenanted",
					(records) -> records.stream().anyMatch((record) -> record.value().getId().equals(marker.toString())),
					Duration.ofSeconds(30))
			.stream()
			.map((record) -> record.key())
			.toList();
		assertThat(keysOnTheTopic).contains("marker").doesNotContain("no-tenant", "blank");
	}

	@Test
	void publishingWithTenantFromContextOrCallSucceeds() {
		UUID fromContext;
		try (EventContextHolder.Scope scope = EventContextHolder.open(EventContext.empty().withTenantId("acme"))) {
			fromContext = this.publisher.publish(new TenantedEvent("with-tenant"));
		}
		UUID explicit = this.publisher.publish(new TenantedEvent("with-tenant"), EventContext.empty().withTenantId("globex"));
		assertThat(TopicReader.readUntil("tenanted",
				(records) -> records.stream()
					.map((record) -> record.value().getId())
					.toList()
					.containsAll(List.of(fromContext.toString(), explicit.toString())),
				Duration.ofSeconds(30)))
			.extracting((record) -> record.value().getExtension("tenantid"))
			.contains("acme", "globex");
	}

	@DomainEvent(type = "dev.events.test.TenantedEvent", topic = "tenanted", key = "key")
	record TenantedEvent(String key) {
	}

}
