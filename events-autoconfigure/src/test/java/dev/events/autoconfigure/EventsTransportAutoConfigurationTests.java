package dev.events.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.events.autoconfigure.health.EventsHealthAutoConfiguration;
import dev.events.cloudevents.KafkaEventSender;
import dev.events.consume.EventHandlerEndpointConfigurer;
import dev.events.consume.HandlerEndpoints;
import dev.events.deadletter.DeadLetterStore;
import dev.events.deadletter.InMemoryDeadLetterStore;
import dev.events.deadletter.JdbcDeadLetterStore;
import dev.events.health.EventsHealthIndicator;
import dev.events.health.KafkaClusterProbe;
import dev.events.memory.InMemoryEventPublisher;
import dev.events.memory.InMemoryEventSender;
import dev.events.memory.InMemoryTransport;
import dev.events.outbox.OutboxEventPublisher;
import dev.events.publish.DirectEventPublisher;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans each transport has: {@code events.transport} chooses Kafka (the default) or the
 * in-memory transport, and the Kafka-only beans follow it. No broker is needed; an in-memory H2
 * stands for the database.
 */
class EventsTransportAutoConfigurationTests {

	private static final String[] KAFKA_ONLY_BEANS = { EventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME,
			EventsHandlerAutoConfiguration.DEAD_LETTER_TEMPLATE_BEAN_NAME,
			EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME, "eventsTopics" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, EventsAutoConfiguration.class,
				EventsJdbcAutoConfiguration.class, EventsOutboxAutoConfiguration.class,
				EventsFlywayAutoConfiguration.class, EventsMemoryAutoConfiguration.class,
				EventsInboxAutoConfiguration.class, EventsHandlerAutoConfiguration.class,
				EventsDeadLetterAutoConfiguration.class, EventsHealthAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1");

	private final ApplicationContextRunner withDatabase = this.runner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:transport-${random.uuid}");

	@Test
	void kafkaIsTheDefaultTransport() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(InMemoryTransport.class);
			assertThat(context.getBean(EventSender.class)).isInstanceOf(KafkaEventSender.class);
			assertThat(context.getBean(EventPublisher.class)).isInstanceOf(DirectEventPublisher.class);
			assertThat(context).hasBean(EventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME)
				.hasBean(EventsHandlerAutoConfiguration.DEAD_LETTER_TEMPLATE_BEAN_NAME)
				.hasBean(EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME)
				.hasBean("eventsTopics")
				.hasSingleBean(EventHandlerEndpointConfigurer.class)
				.hasSingleBean(KafkaClusterProbe.class)
				.doesNotHaveBean(DeadLetterStore.class);
		});
	}

	@Test
	void inMemoryTheKafkaBeansAreLeftOutAndEventsGoToTheTransport() {
		this.runner.withPropertyValues("events.transport=in-memory").run((context) -> {
			assertThat(context).hasSingleBean(InMemoryTransport.class)
				.hasSingleBean(HandlerEndpoints.class)
				.hasSingleBean(EventsHealthIndicator.class)
				.doesNotHaveBean(EventHandlerEndpointConfigurer.class)
				.doesNotHaveBean(KafkaClusterProbe.class);
			for (String kafkaOnly : KAFKA_ONLY_BEANS) {
				assertThat(context).doesNotHaveBean(kafkaOnly);
			}
			assertThat(context.getBean(EventSender.class)).isInstanceOf(InMemoryEventSender.class);
			assertThat(context.getBean(EventPublisher.class)).isInstanceOf(InMemoryEventPublisher.class);
			assertThat(context.getBean(DeadLetterStore.class)).isInstanceOf(InMemoryDeadLetterStore.class);
		});
	}

	@Test
	void inMemoryWithADatabaseTheOutboxAndTheDeadLettersAreInIt() {
		this.withDatabase.withPropertyValues("events.transport=IN_MEMORY").run((context) -> {
			assertThat(context).hasSingleBean(InMemoryTransport.class);
			assertThat(context.getBean(EventSender.class)).isInstanceOf(InMemoryEventSender.class);
			assertThat(context.getBean(EventPublisher.class)).isInstanceOf(OutboxEventPublisher.class);
			assertThat(context.getBean(DeadLetterStore.class)).isInstanceOf(JdbcDeadLetterStore.class);
		});
	}

	@Test
	void onKafkaWithADatabaseTheDeadLettersAreInIt() {
		this.withDatabase.run((context) -> {
			assertThat(context).doesNotHaveBean(InMemoryTransport.class);
			assertThat(context.getBean(DeadLetterStore.class)).isInstanceOf(JdbcDeadLetterStore.class);
		});
	}

}
