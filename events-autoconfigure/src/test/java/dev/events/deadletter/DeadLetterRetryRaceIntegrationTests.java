package dev.events.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.consume.EventHandler;
import dev.events.publish.EventPublisher;
import dev.events.support.AfterCommit;
import dev.events.support.Instances;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retry of a key's dead letters on one instance while the other instance, which holds the
 * partition, stores a new event of the key behind them: the retry waits for that transaction and
 * handles the new event after the old ones, and leaves nothing behind. Without the lock on the
 * key's sequence the retry would release the key while the new event is being stored behind it,
 * stranding it.
 */
@SpringBootTest(classes = { TestApplication.class, DeadLetterRetryRaceIntegrationTests.RaceHandler.class },
		properties = { "events.topics.races.partitions=1", "events.handlers.retry.max-attempts=1" })
class DeadLetterRetryRaceIntegrationTests {

	private static final String HANDLER = "race-handler";

	private static final String DATABASE = "dead_letter_race";

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, DATABASE);
	}

	@Autowired
	EventPublisher publisher;

	@Autowired
	DeadLetterStore store;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void retryWaitsForAnEventOfItsKeyBeingStoredBehindItOnAnotherInstance() throws Exception {
		RaceHandler.failing = "held:1";
		this.publisher.publish(new RaceStep("held", 1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.sequence(HANDLER, "held")).hasSize(1));
		RaceHandler.failing = "";

		try (ConfigurableApplicationContext retrying = Instances.on(DATABASE, RaceHandler.class)
			.properties("events.topics.races.partitions=1")
			.run()) {
			retrying.getBean(KafkaListenerEndpointRegistry.class).stop();
			MessageListenerContainer container = this.listeners.getListenerContainer(HANDLER);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(container.getAssignedPartitions()).hasSize(1));

			new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.publisher.publish(new RaceStep("held", 2));
				this.publisher.publish(new RaceStep("slow", 1));
			});
			RaceHandler.slowStarted.await();
			RetryResult result = CompletableFuture
				.supplyAsync(() -> retrying.getBean(DeadLetters.class).retrySequence(HANDLER, "held"))
				.get();
			assertThat(result).isEqualTo(new RetryResult(2, List.of()));
		}

		assertThat(this.store.sequence(HANDLER, "held")).isEmpty();
		assertThat(this.store.heldKeys(HANDLER)).isEmpty();
		this.publisher.publish(new RaceStep("held", 3));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(RaceHandler.handled).contains("slow:1")
				.filteredOn((name) -> name.startsWith("held:"))
				.containsExactly("held:1", "held:2", "held:3"));
	}

	/**
	 * The handler of both instances, recording what it handled in one place for both. It takes
	 * its time over {@code slow:1}, so that the event of the held key stored behind its dead
	 * letter in the same poll stays uncommitted meanwhile.
	 */
	static class RaceHandler {

		static final Queue<String> handled = new ConcurrentLinkedQueue<>();

		static final CountDownLatch slowStarted = new CountDownLatch(1);

		static volatile String failing = "";

		@EventHandler(id = HANDLER)
		void handle(RaceStep step) throws InterruptedException {
			String name = step.orderId() + ":" + step.step();
			if (name.equals(failing)) {
				throw new IllegalStateException("Failing on purpose");
			}
			if (name.equals("slow:1")) {
				slowStarted.countDown();
				Thread.sleep(1000);
			}
			AfterCommit.run(() -> handled.add(name));
		}

	}

	@DomainEvent(type = "dev.events.test.RaceStep", topic = "races", key = "orderId")
	record RaceStep(String orderId, int step) {
	}

}
