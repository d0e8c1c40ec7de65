package dev.events.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With automatic retries on, a dead letter whose cause passes with time is retried by itself,
 * with its sequence, in order, backing off while it keeps failing.
 */
@SpringBootTest(classes = { TestApplication.class, DeadLetterAutoRetryIntegrationTests.FlakyHandler.class },
		properties = { "events.topics.flaky.partitions=1", "events.handlers.retry.max-attempts=1",
				"events.handlers.dead-letters.auto-retry.enabled=true",
				"events.handlers.dead-letters.auto-retry.initial-backoff=200ms",
				"events.handlers.dead-letters.auto-retry.interval=100ms" })
class DeadLetterAutoRetryIntegrationTests {

	private static final String HANDLER = "flaky-handler";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "dead_letter_auto_retry");
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DeadLetterStore store;

	@Test
	void deadLettersAreRetriedInOrderOnceTheirCausePasses() {
		FlakyHandler.failing = true;
		this.publisher.publish(new Flaky("k", 1));
		this.publisher.publish(new Flaky("k", 2));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.store.sequence(HANDLER, "k"))
			.first()
			.satisfies((head) -> assertThat(head.retries()).isGreaterThanOrEqualTo(2)));
		assertThat(this.store.sequence(HANDLER, "k")).extracting(DeadLetter::reason)
			.containsExactly("HANDLER_FAILED", "QUEUED_BEHIND");
		DeadLetter head = this.store.sequence(HANDLER, "k").get(0);
		assertThat(Duration.between(head.firstFailedAt(), head.lastFailedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(200 + 400).minusMillis(50));

		FlakyHandler.failing = false;
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(FlakyHandler.handled).containsExactlyElementsOf(List.of(1, 2)));
		assertThat(this.store.sequence(HANDLER, "k")).isEmpty();
	}

	static class FlakyHandler {

		static final Queue<Integer> handled = new ConcurrentLinkedQueue<>();

		static volatile boolean failing;

		@EventHandler(id = HANDLER)
		void handle(Flaky flaky) {
			if (failing) {
				throw new IllegalStateException("Downstream is down, on purpose");
			}
			AfterCommit.run(() -> handled.add(flaky.step()));
		}

	}

	@DomainEvent(type = "dev.events.test.Flaky", topic = "flaky", key = "key")
	record Flaky(String key, int step) {
	}

}
