package dev.events.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.OutboundEvent;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.test.EmbeddedServices;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay with a backlog reads its next batch while the broker acknowledges the last one (here
 * batches of two, so every full batch does). What it read ahead is sent only if it still comes
 * first: an event committed late with an earlier sequence, whose key has later events in the batch
 * read ahead, is sent before them, and a batch that was not all delivered has what was read behind
 * it read again.
 */
abstract class PipelinedRelayIntegrationTests {

	private static final int BATCH = 2;

	private final TestDatabase server;

	private final ExecutorService transactions = Executors.newSingleThreadExecutor();

	private ConfigurableApplicationContext instance;

	PipelinedRelayIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		this.transactions.shutdownNow();
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void eventCommittedLateWithAnEarlierSequenceIsSentBeforeTheLaterEventsOfItsKeyReadAhead() throws Exception {
		this.instance = start("pipelined_late", "pipelined-late");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		CountDownLatch lateInserted = new CountDownLatch(1);
		CountDownLatch commitLate = new CountDownLatch(1);
		Future<?> late = this.transactions.submit(() -> transaction.executeWithoutResult((status) -> {
			publisher.publish(new Late("late", 0));
			lateInserted.countDown();
			awaitQuietly(commitLate);
		}));
		assertThat(lateInserted.await(10, TimeUnit.SECONDS)).isTrue();
		this.instance.getBean(HookedSender.class).beforeFirstSend((event) -> {
			commitLate.countDown();
			getQuietly(late);
			transaction.executeWithoutResult((status) -> publisher.publish(new Late("late", 1)));
		});

		transaction.executeWithoutResult((status) -> {
			publisher.publish(new Late("first", 0));
			publisher.publish(new Late("second", 0));
		});

		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("pipelined-late") == 0);
		List<ConsumerRecord<String, byte[]>> records = TopicReader
			.readToEnd(EmbeddedServices.kafkaBootstrapServers(), "pipelined-late");
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(4);
		assertThat(order.violations()).isEmpty();
	}

	@Test
	void batchNotAllDeliveredHasWhatWasReadBehindItReadAgainInOrder() {
		this.instance = start("pipelined_failure", "pipelined-failure");
		EventPublisher publisher = this.instance.getBean(EventPublisher.class);
		TransactionTemplate transaction = new TransactionTemplate(
				this.instance.getBean(PlatformTransactionManager.class));
		this.instance.getBean(HookedSender.class).failOnce("key-1", 3);
		int keys = 4;
		int perKey = 10;
		transaction.executeWithoutResult((status) -> {
			for (int sequence = 0; sequence < perKey; sequence++) {
				for (int key = 0; key < keys; key++) {
					publisher.publish(new Ordered("key-" + key, sequence));
				}
			}
		});

		OutboxRows rows = new OutboxRows(this.instance.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("pipelined-failure") == 0);
		assertThat(this.instance.getBean(HookedSender.class).failed()).isOne();
		List<ConsumerRecord<String, byte[]>> records = TopicReader
			.readToEnd(EmbeddedServices.kafkaBootstrapServers(), "pipelined-failure");
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(keys * perKey);
		assertThat(order.violations()).isEmpty();
	}

	private ConfigurableApplicationContext start(String database, String topic) {
		return Instances.on(this.server, database, Hooks.class)
			.properties("events.topics." + topic + ".partitions=2", "events.outbox.relay.batch-size=" + BATCH,
					"events.outbox.relay.initial-backoff=20ms", "events.outbox.relay.max-backoff=50ms")
			.run();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void getQuietly(Future<?> future) {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		HookedSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate, CloudEventRecordMapper mapper) {
			return new HookedSender(new KafkaEventSender(eventsKafkaTemplate, mapper));
		}

	}

	/**
	 * Sends through the real sender, after running a hook once, and fails the first send of one
	 * event as an unreachable broker would.
	 */
	static final class HookedSender implements EventSender {

		private final EventSender delegate;

		private final Map<String, Boolean> failures = new ConcurrentHashMap<>();

		private volatile Consumer<OutboundEvent> beforeFirstSend = (event) -> {
		};

		private volatile int failed;

		HookedSender(EventSender delegate) {
			this.delegate = delegate;
		}

		void beforeFirstSend(Consumer<OutboundEvent> hook) {
			this.beforeFirstSend = hook;
		}

		void failOnce(String key, int sequence) {
			this.failures.put(key + "/" + sequence, Boolean.TRUE);
		}

		int failed() {
			return this.failed;
		}

		@Override
		public CompletableFuture<?> send(OutboundEvent event) {
			Consumer<OutboundEvent> hook = this.beforeFirstSend;
			this.beforeFirstSend = (next) -> {
			};
			hook.accept(event);
			String sequence = new String(event.data()).replaceAll(".*\"sequence\":(\\d+).*", "$1");
			if (this.failures.remove(event.key() + "/" + sequence) != null) {
				this.failed++;
				return CompletableFuture.failedFuture(new TimeoutException("injected: the broker did not answer"));
			}
			return this.delegate.send(event);
		}

	}

	@DomainEvent(type = "dev.events.test.Late", topic = "pipelined-late", key = "key")
	record Late(String key, int sequence) {
	}

	@DomainEvent(type = "dev.events.test.Ordered", topic = "pipelined-failure", key = "key")
	record Ordered(String key, int sequence) {
	}

}
