package dev.events.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.events.publish.EventPublisher;
import dev.events.support.Instances;
import dev.events.support.OutboxRows;
import dev.events.support.ProxiedKafka;
import dev.events.support.Sequences;
import dev.events.support.TcpProxy;
import dev.events.test.EmbeddedServices;
import dev.events.test.KeyOrder;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka outages with the default {@code events.outbox.relay.max-attempts}: the application
 * starts and publishes while Kafka is unreachable, health says so, nothing is parked however
 * many sends fail, and every event is sent in order per key once Kafka is back. Backoff is
 * shortened so that many more sends fail than the default attempts would allow. With the
 * relay's default producer settings (no delivery deadline) sends wait out a network cut in the
 * producer; with a short {@code delivery.timeout.ms} they fail and are sent again.
 */
class KafkaOutageIntegrationTests {

	private ConfigurableApplicationContext context;

	private EmbeddedKafkaKraftBroker broker;

	private ProxiedKafka proxiedKafka;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
		if (this.proxiedKafka != null) {
			this.proxiedKafka.close();
		}
	}

	@Test
	void eventsPublishedWhileKafkaIsDownAreSentWhenItComesBack() throws Exception {
		int port = TcpProxy.freePort();
		this.context = start("localhost:" + port, "outage", "spring.kafka.producer.properties[max.block.ms]=300",
				"events.health.outbox.warning-age=5s", "events.health.outbox.critical-age=10s");
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		EventsHealthIndicator health = this.context.getBean(EventsHealthIndicator.class);
		OutboxRows rows = new OutboxRows(this.context.getBean(DataSource.class));
		publishInOrder(publisher, 5, 4);
		assertThat(rows.pending("survivors")).isEqualTo(20);
		assertThat(health.health().getStatus()).as("the outbox absorbs the events: degraded, not down")
			.isEqualTo(EventsHealthIndicator.DEGRADED);
		assertThat(health.health().getDetails().get("kafka").toString()).contains("status=DOWN");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(health.health().getStatus()).as("the outbox past its critical age")
				.isEqualTo(Status.DOWN));
		awaitFailedSends(25);
		assertThat(rows.parked("survivors")).as("nothing parked by the outage").isZero();

		this.broker = EmbeddedServices.newKafka(port);
		this.broker.afterPropertiesSet();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port))) {
			admin.createTopics(List.of(new NewTopic("survivors", 2, (short) 1))).all().get();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.all("survivors") == 0);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("survivors", 20, "localhost:" + port);
		assertThat(KeyOrder.of(records, Sequences::of).violations()).isEmpty();
		assertThat(KeyOrder.of(records, Sequences::of).distinctEvents()).isEqualTo(20);
	}

	@Test
	void eventsWhoseDeliveryTimesOutDuringANetworkCutAreSentInOrderOnceItHeals() {
		this.proxiedKafka = ProxiedKafka.start();
		this.proxiedKafka.createTopic("survivors", 2);
		this.context = start(this.proxiedKafka.bootstrapServers(), "outage_cut",
				"spring.kafka.producer.properties[delivery.timeout.ms]=600",
				"spring.kafka.producer.properties[request.timeout.ms]=300",
				"spring.kafka.producer.properties[linger.ms]=0", "spring.kafka.producer.properties[max.block.ms]=300");
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		OutboxRows rows = new OutboxRows(this.context.getBean(DataSource.class));
		publishInOrder(publisher, 10, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("survivors") == 0);

		this.proxiedKafka.cut();
		publishInOrder(publisher, 10, 2, 6);
		awaitFailedSends(25);
		assertThat(rows.parked("survivors")).as("nothing parked by the outage").isZero();
		assertThat(rows.pending("survivors")).isEqualTo(40);

		this.proxiedKafka.restore();
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.all("survivors") == 0);
		List<ConsumerRecord<String, byte[]>> records = TopicReader.readRaw("survivors", 60,
				this.proxiedKafka.bootstrapServers());
		KeyOrder order = KeyOrder.of(records, Sequences::of);
		assertThat(order.violations()).isEmpty();
		assertThat(order.distinctEvents()).isEqualTo(60);
	}

	@Test
	void eventsSentDuringANetworkCutWithTheDefaultProducerSettingsArriveInOrderOnceItHeals() throws Exception {
		this.proxiedKafka = ProxiedKafka.start();
		this.proxiedKafka.createTopic("survivors", 2);
		this.context = start(this.proxiedKafka.bootstrapServers(), "outage_defaults");
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		OutboxRows rows = new OutboxRows(this.context.getBean(DataSource.class));
		publishInOrder(publisher, 10, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.all("survivors") == 0);

		this.proxiedKafka.cut();
		publishInOrder(publisher, 10, 2, 6);
		Thread.sleep(8000);
		assertThat(rows.parked("survivors")).as("nothing parked by the outage").isZero();
		assertThat(rows.pending("survivors")).isEqualTo(40);

		this.proxiedKafka.restore();
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.all("survivors") == 0);
		KeyOrder order = KeyOrder.of(TopicReader.readRaw("survivors", 60, this.proxiedKafka.bootstrapServers()),
				Sequences::of);
		assertThat(order.violations()).isEmpty();
		assertThat(order.distinctEvents()).isEqualTo(60);
	}

	/**
	 * Wait until more sends failed than the default attempts would allow before parking.
	 */
	private void awaitFailedSends(int count) {
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> meters.get("events.relay.failed").counter().count() >= count);
	}

	private static void publishInOrder(EventPublisher publisher, int keys, int perKey) {
		publishInOrder(publisher, keys, 0, perKey);
	}

	private static void publishInOrder(EventPublisher publisher, int keys, int from, int to) {
		for (int sequence = from; sequence < to; sequence++) {
			for (int key = 0; key < keys; key++) {
				publisher.publish(new Survivor("key-" + key, sequence));
			}
		}
	}

	private static ConfigurableApplicationContext start(String bootstrapServers, String database,
			String... properties) {
		return Instances.on(bootstrapServers, database)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("meterRegistry", new SimpleMeterRegistry()))
			.properties("events.outbox.relay.initial-backoff=50ms", "events.outbox.relay.max-backoff=200ms",
					"events.health.kafka.timeout=500ms", "events.health.kafka.cache-duration=100ms",
					"events.outbox.backlog-refresh-interval=100ms")
			.properties(properties)
			.run();
	}

	@DomainEvent(type = "dev.events.test.Survivor", topic = "survivors", key = "key")
	record Survivor(String key, int sequence) {
	}

}
