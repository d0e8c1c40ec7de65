package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.JdbcDialect;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.Sequences;
import dev.events.support.SlowSender;
import dev.events.test.KeyOrder;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays on one database: one whose sends take longer than its lease, the other with a
 * clock a minute ahead. Leases are renewed whatever a round does and expire in database time,
 * so each shard is still drained by one of them at a time: no event is sent twice and the order
 * of every key holds.
 */
abstract class LeaseFencingIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private final TestDatabase server;

	private ConfigurableApplicationContext slow;

	private OutboxRelay skewed;

	LeaseFencingIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.skewed != null) {
			this.skewed.stop();
		}
		if (this.slow != null) {
			this.slow.close();
		}
	}

	@Test
	void aSlowRelayAndOneWithASkewedClockNeverDrainTheSameShard() {
		this.slow = Instances.on(this.server, "fencing", SlowSending.class)
			.properties("events.topics.fenced.partitions=4", "events.outbox.relay.instance-id=slow",
					"events.outbox.relay.lease-duration=" + LEASE.toMillis() + "ms",
					"events.outbox.relay.lease-refresh-interval=200ms", "events.outbox.relay.batch-size=40")
			.run();
		DataSource dataSource = this.slow.getBean(DataSource.class);
		OutboxStore store = this.slow.getBean(OutboxStore.class);
		Clock aMinuteAhead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
		JdbcShardLeases skewedLeases = new JdbcShardLeases(dataSource, dialect(), "skewed", 16, LEASE);
		skewedLeases.afterPropertiesSet();
		this.skewed = new OutboxRelay(store, skewedLeases,
				new KafkaEventSender(this.slow.getBean("eventsKafkaTemplate", KafkaTemplate.class),
						this.slow.getBean(CloudEventRecordMapper.class)),
				new OutboxRelaySettings(40, Duration.ofMillis(100), LEASE, Duration.ofMillis(200), 10,
						Duration.ofMillis(100), Duration.ofMillis(500), Duration.ZERO, Duration.ofMinutes(1), 5000),
				aMinuteAhead, new SimpleMeterRegistry());
		this.skewed.start();

		EventPublisher publisher = this.slow.getBean(EventPublisher.class);
		int keys = 20;
		int perKey = 20;
		for (int sequence = 0; sequence < perKey; sequence++) {
			for (int key = 0; key < keys; key++) {
				publisher.publish(new Fenced("key-" + key, sequence));
			}
		}
		OutboxRows rows = new OutboxRows(dataSource);
		await().atMost(Duration.ofSeconds(120)).until(() -> rows.all("fenced") == 0);
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("fenced", keys * perKey);
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.distinctEvents()).isEqualTo(keys * perKey);
		assertThat(order.violations()).isEmpty();
		assertThat(order.duplicates()).as("events sent by two relays").isZero();
	}

	@Test
	void relayThatLostItsLeasesCanNeitherClaimNorCompleteTheirEvents() {
		this.slow = Instances.on(this.server, "fencing_lost").properties("events.outbox.relay.enabled=false").run();
		DataSource dataSource = this.slow.getBean(DataSource.class);
		OutboxStore store = this.slow.getBean(OutboxStore.class);
		JdbcShardLeases zombieLeases = new JdbcShardLeases(dataSource, dialect(), "zombie", 16, LEASE);
		zombieLeases.afterPropertiesSet();
		LeasedShards zombie = zombieLeases.refresh(Set.of());
		EventPublisher publisher = this.slow.getBean(EventPublisher.class);
		for (int key = 0; key < 5; key++) {
			publisher.publish(new Fenced("key-" + key, 0));
		}
		List<OutboxEntry> claimed = store.findPending(zombie, 10);
		assertThat(claimed).hasSize(5);

		await().atMost(LEASE.multipliedBy(3)).until(() -> store.findPending(zombie, 10).isEmpty());
		JdbcShardLeases successorLeases = new JdbcShardLeases(dataSource, dialect(), "successor", 16,
				LEASE);
		LeasedShards successor = successorLeases.refresh(Set.of());
		assertThat(store.markSent(zombie, claimed)).as("completed by the instance that lost the shards").isZero();
		assertThat(store.recordFailure(zombie, claimed.get(0), "failure", 1)).isFalse();
		assertThat(new OutboxRows(dataSource).pending("fenced")).isEqualTo(5);
		List<OutboxEntry> taken = store.findPending(successor, 10);
		assertThat(taken).extracting((entry) -> entry.event().id())
			.containsExactlyInAnyOrderElementsOf(claimed.stream().map((entry) -> entry.event().id()).toList());
		assertThat(store.markSent(successor, taken)).isEqualTo(5);
	}

	private JdbcDialect dialect() {
		return this.slow.getBean(EventsDatabase.class).dialect();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowSending {

		@Bean
		EventSender eventSender(KafkaTemplate<String, byte[]> eventsKafkaTemplate,
				CloudEventRecordMapper mapper) {
			return new SlowSender(new KafkaEventSender(eventsKafkaTemplate, mapper), LEASE.multipliedBy(2));
		}

	}

	@DomainEvent(type = "dev.events.test.Fenced", topic = "fenced", key = "key")
	record Fenced(String key, int sequence) {
	}

}
