package dev.events.consume;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.events.publish.EventPublisher;
import dev.events.support.TestApplication;
import dev.events.test.EmbeddedServices;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's {@code spring.kafka.listener.*} reach the handlers' containers, except what the inbox,
 * the order of records and the dead letters depend on: handlers stay batch listeners whose offsets
 * are committed by the starter's rules, outside any Kafka transaction, whatever the application
 * configures for its own listeners.
 */
@SpringBootTest(classes = { TestApplication.class, BootListenerPropertiesIntegrationTests.Handlers.class },
		properties = { "events.topics.listener-settings.partitions=1", "spring.kafka.listener.poll-timeout=1234ms",
				"spring.kafka.listener.idle-event-interval=7s", "spring.kafka.listener.ack-mode=record",
				"spring.kafka.listener.type=single", "spring.kafka.producer.transaction-id-prefix=listener-tx-" })
@DirtiesContext
class BootListenerPropertiesIntegrationTests {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		EmbeddedServices.register(registry, "listener_settings");
	}

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	EventPublisher publisher;

	@Autowired
	Handlers handlers;

	@Test
	void bootsListenerPropertiesApplyToHandlerContainers() {
		ContainerProperties container = this.listeners.getListenerContainer("settings-reader").getContainerProperties();
		assertThat(container.getPollTimeout()).isEqualTo(1234);
		assertThat(container.getIdleEventInterval()).isEqualTo(7000);
	}

	@Test
	void whatTheInboxAndOrderDependOnStaysTheHandlers() {
		ContainerProperties container = this.listeners.getListenerContainer("settings-reader").getContainerProperties();
		assertThat(container.getAckMode()).as("offsets committed once a second: the inbox skips redeliveries")
			.isEqualTo(AckMode.TIME);
		assertThat(container.getAckTime()).isEqualTo(1000);
		assertThat(container.getKafkaAwareTransactionManager()).isNull();
		UUID id = this.publisher.publish(new Setting("s-1"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.read.contains(id.toString()));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> read = new CopyOnWriteArrayList<>();

		@Bean
		SettingsReader settingsReader() {
			return new SettingsReader(this.read);
		}

	}

	static class SettingsReader {

		private final List<String> read;

		SettingsReader(List<String> read) {
			this.read = read;
		}

		@EventHandler(id = "settings-reader")
		void read(EventEnvelope<Setting> setting) {
			this.read.add(setting.id());
		}

	}

	@DomainEvent(type = "dev.events.test.Setting", topic = "listener-settings", key = "name")
	record Setting(String name) {
	}

}
