package dev.events.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.TcpProxy;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static dev.events.test.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How handler failures are retried. Only a database the handler cannot reach is retried without
 * limit; conflicts that pass on a later try (optimistic lock, lock timeout, query timeout) get
 * more attempts than other failures, with jitter, and then become dead letters like them, so the
 * partition always moves on.
 */
@SpringBootTest(classes = { TestApplication.class, HandlerRetryClassificationIntegrationTests.Handlers.class },
		properties = { "events.handlers.dead-letters.destination=topic",
				"events.topics.conflicts.partitions=1", "events.topics.conflicts.dead-letter=true",
				"events.handlers.retry.max-attempts=2", "events.handlers.retry.initial-interval=50ms",
				"events.handlers.retry.max-interval=200ms", "events.handlers.retry.conflicts.max-attempts=4",
				"events.handlers.retry.conflicts.initial-interval=20ms",
				"events.handlers.retry.conflicts.max-interval=100ms" })
@DirtiesContext
class HandlerRetryClassificationIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "retry_classification");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	Handlers handlers;

	@Test
	void conflictsThatKeepFailingBecomeDeadLettersAfterTheirAttemptsAndThePartitionMovesOn() {
		this.publisher.publish(new Conflict("optimistic-lock", "always-optimistic"));
		this.publisher.publish(new Conflict("query-timeout", "always-timeout"));
		this.publisher.publish(new Conflict("after-them", "succeed"));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.handled.contains("after-them"));
		List<String> conflicting = List.of("optimistic-lock", "query-timeout");
		List<ConsumerRecord<String, CloudEvent>> deadLetters = TopicReader
			.readUntil("conflicts.dlt", (records) -> records.stream()
				.map(ConsumerRecord::key)
				.toList()
				.containsAll(conflicting), Duration.ofSeconds(30))
			.stream()
			.filter((record) -> conflicting.contains(record.key()))
			.toList();
		assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyElementsOf(conflicting);
		assertThat(deadLetters).allSatisfy((record) -> assertThat(header(record, "events_dlt_reason"))
			.isEqualTo(DeadLetterReasons.HANDLER_FAILED));
		assertThat(this.handlers.attempts("optimistic-lock")).isEqualTo(4);
		assertThat(this.handlers.attempts("query-timeout")).isEqualTo(4);
	}

	@Test
	void conflictThatPassesAfterMoreAttemptsThanOtherFailuresGetIsHandled() {
		this.publisher.publish(new Conflict("locked-twice", "lock-twice"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.handled.contains("locked-twice"));
		assertThat(this.handlers.attempts("locked-twice")).isEqualTo(3);
	}

	@Test
	void databaseTheHandlerCannotReachIsWaitedForWithoutLimit() {
		this.publisher.publish(new Conflict("unreachable", "unreachable-five-times"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.handled.contains("unreachable"));
		assertThat(this.handlers.attempts("unreachable")).isEqualTo(6);
	}

	@Test
	void recordThatKeepsFailingOnceTheDatabaseIsBackBecomesADeadLetter() {
		this.publisher.publish(new Conflict("unreachable-then-poison", "unreachable-twice-then-fail"));
		this.publisher.publish(new Conflict("after-poison", "succeed"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.handled.contains("after-poison"));
		assertThat(this.handlers.attempts("unreachable-then-poison")).isEqualTo(4);
	}

	@Test
	void databaseThatBecomesUnreachableAfterAnotherFailureIsStillWaitedFor() {
		this.publisher.publish(new Conflict("fail-then-unreachable", "fail-then-unreachable-four-times"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.handled.contains("fail-then-unreachable"));
		assertThat(this.handlers.attempts("fail-then-unreachable")).isEqualTo(6);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final JdbcTemplate unreachable = new JdbcTemplate(new DriverManagerDataSource(
				"jdbc:postgresql://localhost:" + TcpProxy.freePort() + "/nowhere", "postgres", "postgres"));

		int attempts(String id) {
			AtomicInteger count = this.attempts.get(id);
			return (count != null) ? count.get() : 0;
		}

		@Bean
		ConflictingHandler conflictingHandler() {
			return new ConflictingHandler(this);
		}

	}

	static class ConflictingHandler {

		private final Handlers handlers;

		ConflictingHandler(Handlers handlers) {
			this.handlers = handlers;
		}

		@EventHandler(id = "conflicting")
		void handle(Conflict conflict) {
			int attempt = this.handlers.attempts.computeIfAbsent(conflict.id(), (id) -> new AtomicInteger())
				.incrementAndGet();
			switch (conflict.behaviour()) {
				case "always-optimistic" -> throw new OptimisticLockingFailureException("changed meanwhile");
				case "always-timeout" -> throw new QueryTimeoutException("statement timeout");
				case "lock-twice" -> {
					if (attempt <= 2) {
						throw new CannotAcquireLockException("lock timeout");
					}
				}
				case "unreachable-five-times" -> {
					if (attempt <= 5) {
						this.handlers.unreachable.queryForObject("SELECT 1", Integer.class);
					}
				}
				case "unreachable-twice-then-fail" -> {
					if (attempt <= 2) {
						this.handlers.unreachable.queryForObject("SELECT 1", Integer.class);
					}
					throw new IllegalStateException("a bug in the handler");
				}
				case "fail-then-unreachable-four-times" -> {
					if (attempt == 1) {
						throw new IllegalStateException("a passing glitch");
					}
					if (attempt <= 5) {
						this.handlers.unreachable.queryForObject("SELECT 1", Integer.class);
					}
				}
				default -> {
				}
			}
			AfterCommit.run(() -> this.handlers.handled.add(conflict.id()));
		}

	}

	@DomainEvent(type = "dev.events.test.Conflict", topic = "conflicts", key = "id")
	record Conflict(String id, String behaviour) {
	}

}
