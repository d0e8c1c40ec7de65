package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.support.AfterCommit;
import dev.events.support.RawRecords;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static dev.events.test.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler settings: with tenancy required, events without a tenant are dead-lettered at once;
 * per-handler retry settings override the global ones; unknown types can be skipped.
 */
@SpringBootTest(classes = { TestApplication.class, HandlerSettingsIntegrationTests.Handlers.class },
		properties = { "events.handlers.dead-letters.destination=topic",
				"events.tenancy.required=true", "events.topics.claims.partitions=1",
				"events.topics.claims.dead-letter=true", "events.handlers.dead-letter-topic={topic}.dlt",
				"events.handlers.retry.max-attempts=20", "events.handlers.retry.initial-interval=50ms",
				"events.handlers.retry.max-interval=50ms", "events.handlers.unknown-types=skip" })
@DirtiesContext
class HandlerSettingsIntegrationTests {

	private static final String TYPE = "dev.events.test.Claim";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "handler_tenancy");
	}

	@Autowired
	Handlers handlers;

	@Test
	void eventWithoutTenantIsDeadLetteredAndTheNextOneHandled() {
		RawRecords.send(claim("no-tenant", null));
		RawRecords.send(claim("with-tenant", "acme"));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.handlers.settled).contains("with-tenant"));
		assertThat(this.handlers.settled).doesNotContain("no-tenant");
		ConsumerRecord<String, byte[]> deadLetter = deadLetters("claim-settler").get(0);
		assertThat(header(deadLetter, UndeliverableEventException.REASON_HEADER)).isEqualTo("MISSING_TENANT");
		assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("events.tenancy.required=true");
	}

	@Test
	void handlerRetrySettingsOverrideTheDefaults() {
		RawRecords.send(claim("rejected", "acme"));
		RawRecords.send(claim("flaky", "acme"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(deadLetters("claim-rejecter")).hasSize(1);
			assertThat(deadLetters("claim-retrier")).hasSize(1);
		});
		assertThat(this.handlers.attempts.get("claim-rejecter").get()).as("non-retryable: one attempt").isEqualTo(1);
		assertThat(this.handlers.attempts.get("claim-retrier").get()).as("maxAttempts = 3").isEqualTo(3);
	}

	@Test
	void unknownTypesAreSkippedWhenConfiguredSo() {
		ProducerRecord<String, byte[]> foreign = RawRecords.cloudEvent("claims", "claims-key",
				"com.other.service.ClaimAudited", "{}");
		foreign.headers().add("ce_tenantid", "acme".getBytes(StandardCharsets.UTF_8));
		RawRecords.send(foreign);
		RawRecords.send(claim("after-foreign", "acme"));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.handlers.settled).contains("after-foreign"));
		assertThat(deadLetters("claim-settler")).noneSatisfy((record) -> assertThat(
				header(record, UndeliverableEventException.REASON_HEADER))
			.isEqualTo("UNKNOWN_TYPE"));
	}

	private static ProducerRecord<String, byte[]> claim(String claimId, String tenant) {
		ProducerRecord<String, byte[]> record = RawRecords.cloudEvent("claims", "claims-key", TYPE,
				"{\"claimId\":\"%s\"}".formatted(claimId));
		if (tenant != null) {
			record.headers().add("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	private static List<ConsumerRecord<String, byte[]>> deadLetters(String handlerId) {
		return TopicReader.readRaw("claims.dlt", 0)
			.stream()
			.filter((record) -> handlerId.equals(header(record, "kafka_dlt-original-consumer-group")))
			.toList();
	}


	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> settled = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		@Bean
		ClaimHandlers claimHandlers() {
			return new ClaimHandlers(this);
		}

		void attempt(String handler) {
			this.attempts.computeIfAbsent(handler, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	static class ClaimHandlers {

		private final Handlers handlers;

		ClaimHandlers(Handlers handlers) {
			this.handlers = handlers;
		}

		@EventHandler(id = "claim-settler")
		void settle(Claim claim) {
			AfterCommit.run(() -> this.handlers.settled.add(claim.claimId()));
		}

		@EventHandler(id = "claim-rejecter", nonRetryable = IllegalArgumentException.class)
		void reject(Claim claim) {
			if (claim.claimId().equals("rejected")) {
				this.handlers.attempt("claim-rejecter");
				throw new IllegalArgumentException("claims like this are never valid");
			}
		}

		@EventHandler(id = "claim-retrier", maxAttempts = 3)
		void retry(Claim claim) {
			if (claim.claimId().equals("flaky")) {
				this.handlers.attempt("claim-retrier");
				throw new IllegalStateException("still flaky");
			}
		}

	}

	@DomainEvent(type = TYPE, topic = "claims", key = "claimId")
	record Claim(String claimId) {
	}

}
