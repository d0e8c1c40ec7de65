package dev.events.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.health.EventsHealthIndicator;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay keeps running whatever its sender throws, health says when it does not run, and
 * stopping it while a round is still sending does not hand its shards to another instance
 * before those sends are done.
 */
class RelayRobustnessIntegrationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		Faults.release();
		if (this.context != null) {
			this.context.close();
		}
	}

	private static ConfigurableApplicationContext start(String database) {
		return Instances.on(database, Faults.class)
			.properties("events.topics.robust.partitions=1", "events.outbox.relay.instance-id=robust",
					"events.outbox.relay.lease-duration=2s", "events.outbox.relay.lease-refresh-interval=200ms",
					"events.outbox.relay.initial-backoff=50ms", "events.outbox.relay.poll-interval=100ms")
			.run();
	}

	@Test
	void relaySurvivesAnErrorThrownBySendingAndHealthSaysWhenItIsNotRunning() {
		this.context = start("robust_errors");
		Faults.throwErrorOnce.set(true);
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		publisher.publish(new Robust("k", 0));
		await().atMost(Duration.ofSeconds(10)).until(() -> !Faults.throwErrorOnce.get());
		publisher.publish(new Robust("k", 1));
		assertThat(TopicReader.readRaw("robust", 2)).hasSize(2);
		EventsHealthIndicator health = this.context.getBean(EventsHealthIndicator.class);
		assertThat(outbox(health.health())).containsEntry("relay", "running");

		this.context.getBean(OutboxRelay.class).stop();
		Health stopped = health.health();
		assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
		assertThat(outbox(stopped)).containsEntry("relay", "stopped");
	}

	@Test
	void stoppingWhileARoundIsSendingKeepsTheShardsLeased() throws Exception {
		this.context = start("robust_stop");
		Faults.hold = new CountDownLatch(1);
		this.context.getBean(EventPublisher.class).publish(new Robust("k", 0));
		await().atMost(Duration.ofSeconds(10)).until(() -> Faults.held.get());
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.context.getBean(OutboxRelay.class)::stop);
		stopped.get();
		JdbcClient jdbc = JdbcClient.create(this.context.getBean(DataSource.class));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox_lease WHERE owner = 'robust'").query(Long.class).single())
			.as("leases still held while the round sends").isPositive();
		assertThat(new OutboxRows(this.context.getBean(DataSource.class)).pending("robust")).isEqualTo(1);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> outbox(Health health) {
		return (Map<String, Object>) health.getDetails().get("outbox");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Faults {

		static final AtomicBoolean throwErrorOnce = new AtomicBoolean();

		static final AtomicBoolean held = new AtomicBoolean();

		static volatile CountDownLatch hold = new CountDownLatch(0);

		static void release() {
			throwErrorOnce.set(false);
			held.set(false);
			hold.countDown();
		}

		@Bean
		EventSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate, CloudEventRecordMapper mapper) {
			EventSender kafka = new KafkaEventSender(eventsKafkaTemplate, mapper);
			return (event) -> {
				if (throwErrorOnce.compareAndSet(true, false)) {
					throw new StackOverflowError("thrown on purpose");
				}
				held.set(hold.getCount() > 0);
				return kafka.send(event).thenApplyAsync((result) -> {
					awaitQuietly(hold);
					return result;
				});
			};
		}

		private static void awaitQuietly(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@DomainEvent(type = "dev.events.test.Robust", topic = "robust", key = "key")
	record Robust(String key, int sequence) {
	}

}
