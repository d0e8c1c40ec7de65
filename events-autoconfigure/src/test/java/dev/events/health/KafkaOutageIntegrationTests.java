package dev.events.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.events.publish.EventPublisher;
import dev.events.support.OutboxRows;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application starts and publishes while Kafka is unreachable: health says so, the outbox
 * keeps the events, and they are sent once a broker comes up at the configured address.
 */
class KafkaOutageIntegrationTests {

	private ConfigurableApplicationContext context;

	private EmbeddedKafkaKraftBroker broker;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void eventsPublishedWhileKafkaIsDownAreSentWhenItComesBack() throws Exception {
		int port = freePort();
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=localhost:" + port,
					"spring.datasource.url=" + EmbeddedServices.postgresJdbcUrl("outage"),
					"spring.datasource.username=postgres", "spring.datasource.password=postgres",
					"spring.kafka.producer.properties[max.block.ms]=500", "events.outbox.relay.initial-backoff=200ms",
					"events.outbox.relay.max-backoff=500ms", "events.outbox.relay.max-attempts=1000",
					"events.health.kafka.timeout=500ms", "events.health.kafka.cache-duration=100ms",
					"events.outbox.backlog-refresh-interval=100ms")
			.run();
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		EventsHealthIndicator health = this.context.getBean(EventsHealthIndicator.class);
		OutboxRows rows = new OutboxRows(this.context.getBean(DataSource.class));
		for (int i = 0; i < 5; i++) {
			publisher.publish(new Survivor("key-" + i));
		}
		assertThat(rows.pending("survivors")).isEqualTo(5);
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health().getDetails().get("kafka").toString()).contains("status=DOWN");

		this.broker = EmbeddedServices.newKafka(port);
		this.broker.afterPropertiesSet();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port))) {
			admin.createTopics(List.of(new NewTopic("survivors", 1, (short) 1))).all().get();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.all("survivors") == 0);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
		assertThat(TopicReader.readRaw("survivors", 5, "localhost:" + port)).hasSize(5);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@DomainEvent(type = "dev.events.test.Survivor", topic = "survivors", key = "key")
	record Survivor(String key) {
	}

}
