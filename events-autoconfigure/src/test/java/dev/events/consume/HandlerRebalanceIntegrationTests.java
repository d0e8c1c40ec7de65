package dev.events.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.events.publish.EventPublisher;
import dev.events.support.Instances;
import dev.events.test.ConsumerGroupLag;
import dev.events.test.EmbeddedServices;
import dev.events.test.KafkaReset;
import dev.events.test.KeyOrder;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler instances leave and join one consumer group while events flow: partitions move between
 * them, and every event is still applied once, in publish order per key. Runs with the classic
 * group protocol; a subclass runs it with Kafka 4's.
 */
class HandlerRebalanceIntegrationTests {

	private static final String TOPIC = "rebalanced";

	private static final String HANDLER = "rebalance-ledger";

	private static final int KEYS = 30;

	private static final Duration ROUND_PAUSE = Duration.ofMillis(10);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final String database = getClass().getSimpleName().toLowerCase(Locale.ROOT);

	private JdbcClient ledger;

	@BeforeEach
	void startFromAnEmptyTopicGroupAndLedger() {
		KafkaReset.deleteTopicsAndGroups(EmbeddedServices.kafkaBootstrapServers(), List.of(TOPIC), List.of(HANDLER));
		DataSource dataSource = new DriverManagerDataSource(EmbeddedServices.postgresJdbcUrl(this.database), "postgres",
				"postgres");
		this.ledger = JdbcClient.create(dataSource);
		this.ledger.sql("""
				CREATE TABLE IF NOT EXISTS rebalance_ledger (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				    event_id VARCHAR(64) NOT NULL, event_key VARCHAR(64) NOT NULL, sequence INT NOT NULL,
				    applied_by VARCHAR(64) NOT NULL)
				""").update();
		this.ledger.sql("TRUNCATE rebalance_ledger").update();
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	/**
	 * Consumer properties of every instance.
	 * @return properties as {@code name=value}
	 */
	protected String[] consumerProperties() {
		return new String[0];
	}

	@Test
	void everyEventIsAppliedOnceAndInOrderPerKeyWhileInstancesLeaveAndJoin() throws Exception {
		ConfigurableApplicationContext first = start("a");
		ConfigurableApplicationContext leaving = start("b");
		awaitPartitions(first, leaving);
		EventPublisher publisher = this.instances.get(0).getBean(EventPublisher.class);
		AtomicBoolean publishing = new AtomicBoolean(true);
		AtomicInteger rounds = new AtomicInteger();
		CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
			while (publishing.get()) {
				int sequence = rounds.get();
				for (int key = 0; key < KEYS; key++) {
					publisher.publish(new Rebalanced("key-" + key, sequence));
				}
				rounds.incrementAndGet();
				pause(ROUND_PAUSE);
			}
		});
		awaitAppliedBy("b");
		leaving.close();
		this.instances.remove(leaving);
		int leftAt = rounds.get();
		await().atMost(Duration.ofSeconds(60)).until(() -> rounds.get() >= leftAt + 20);
		ConfigurableApplicationContext joining = start("c");
		awaitPartitions(first, joining);
		awaitAppliedBy("c");
		publishing.set(false);
		flow.get(30, TimeUnit.SECONDS);

		int published = rounds.get() * KEYS;
		awaitApplied(published);
		KeyOrder order = new KeyOrder();
		this.ledger.sql("SELECT event_id, event_key, sequence FROM rebalance_ledger ORDER BY id")
			.query((row) -> {
				order.deliver(row.getString(1), row.getString(2), row.getInt(3));
			});
		assertThat(order.distinctEvents()).isEqualTo(published);
		assertThat(order.duplicates()).as("events applied twice").isZero();
		assertThat(order.violations()).isEmpty();
		assertThat(this.ledger.sql("SELECT DISTINCT applied_by FROM rebalance_ledger").query(String.class).list())
			.as("instances that applied events").containsExactlyInAnyOrder("a", "b", "c");
	}

	private ConfigurableApplicationContext start(String name) {
		ConfigurableApplicationContext instance = Instances.on(this.database, Ledger.class)
			.properties("events.topics." + TOPIC + ".partitions=6", "events.outbox.relay.instance-id=" + name,
					"spring.kafka.consumer.max-poll-records=20", "spring.flyway.enabled=false",
					"rebalance.instance=" + name)
			.properties(consumerProperties())
			.run();
		this.instances.add(instance);
		return instance;
	}

	private static void awaitPartitions(ConfigurableApplicationContext... instances) {
		await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(instances).allMatch((instance) -> {
			MessageListenerContainer container = instance.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer(HANDLER);
			return container != null && container.getAssignedPartitions() != null
					&& !container.getAssignedPartitions().isEmpty();
		}));
	}

	private void awaitApplied(int events) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.ledger.sql("SELECT COUNT(DISTINCT event_id) FROM rebalance_ledger")
					.query(Long.class)
					.single() >= events);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Not " + events + " applied: " + state(), ex);
		}
	}

	private void awaitAppliedBy(String instance) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.ledger.sql("SELECT COUNT(*) FROM rebalance_ledger WHERE applied_by = ?")
				.param(instance)
				.query(Long.class)
				.single() >= KEYS);
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String state() {
		return "applied %d, unsent %d, group lag %s".formatted(
				this.ledger.sql("SELECT COUNT(DISTINCT event_id) FROM rebalance_ledger").query(Long.class).single(),
				this.ledger.sql("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL").query(Long.class).single(),
				ConsumerGroupLag.of(EmbeddedServices.kafkaBootstrapServers(), HANDLER, TOPIC));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Ledger {

		@Bean
		LedgerWriter rebalanceLedgerWriter(DataSource dataSource, @Value("${rebalance.instance}") String instance) {
			return new LedgerWriter(JdbcClient.create(dataSource), instance);
		}

	}

	static class LedgerWriter {

		private final JdbcClient jdbc;

		private final String instance;

		LedgerWriter(JdbcClient jdbc, String instance) {
			this.jdbc = jdbc;
			this.instance = instance;
		}

		@EventHandler(id = HANDLER)
		void apply(EventEnvelope<Rebalanced> event) throws InterruptedException {
			this.jdbc.sql("INSERT INTO rebalance_ledger (event_id, event_key, sequence, applied_by) VALUES (?, ?, ?, ?)")
				.params(event.id(), event.payload().key(), event.payload().sequence(), this.instance)
				.update();
			Thread.sleep(1);
		}

	}

	@DomainEvent(type = "dev.events.test.Rebalanced", topic = TOPIC, key = "key")
	record Rebalanced(String key, int sequence) {
	}

}
