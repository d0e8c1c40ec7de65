package dev.events.autoconfigure;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.events.autoconfigure.health.EventsHealthAutoConfiguration;
import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.command.CommandGateway;
import dev.events.consume.EventHandlerMethodCollector;
import dev.events.consume.HandlerErrorHandlerFactory;
import dev.events.dispatch.MessageValidator;
import dev.events.health.EventsHealthIndicator;
import dev.events.health.KafkaClusterProbe;
import dev.events.inbox.InboxStore;
import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.JdbcDialect;
import dev.events.outbox.OutboxMonitor;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.ShardLeases;
import dev.events.publish.EventPublisher;
import dev.events.publish.EventSender;
import dev.events.publish.TraceparentProvider;
import dev.events.query.QueryGateway;
import dev.events.type.EventTypeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Every bean the README lists as replaceable steps aside for the application's own: by type
 * under another name, or by name where the README names it.
 */
class ReplaceableBeansTests {

	private static final String[] NO_PROPERTIES = {};

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, EventsTracingAutoConfiguration.class,
				EventsAutoConfiguration.class, EventsJdbcAutoConfiguration.class, EventsFlywayAutoConfiguration.class,
				EventsOutboxAutoConfiguration.class, EventsInboxAutoConfiguration.class,
				EventsHandlerAutoConfiguration.class, EventsHealthAutoConfiguration.class,
				ValidationAutoConfiguration.class, EventsCommandQueryAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1",
				"spring.datasource.url=" + newH2Url(), "spring.flyway.enabled=false",
				"events.outbox.relay.enabled=false");

	static Stream<Arguments> replaceableBeans() {
		return Stream.of(byType(EventPublisher.class), byType(OutboxStore.class),
				Arguments.of("userShardLeases", ShardLeases.class, mockOf(ShardLeases.class),
						new String[] { "events.outbox.relay.enabled=true" }),
				byType(EventSender.class), byType(EventTypeRegistry.class), byType(CloudEventRecordMapper.class),
				byType(TraceparentProvider.class), byType(InboxStore.class), byType(HandlerErrorHandlerFactory.class),
				byType(OutboxMonitor.class), byType(KafkaClusterProbe.class), byType(CommandGateway.class),
				byType(QueryGateway.class), byType(MessageValidator.class),
				Arguments.of("userEventsDatabase", EventsDatabase.class, eventsDatabaseOnItsOwnH2(), NO_PROPERTIES),
				Arguments.of("userEventHandlerMethodCollector", EventHandlerMethodCollector.class,
						(Supplier<Object>) EventHandlerMethodCollector::new, NO_PROPERTIES),
				byName(EventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME, KafkaTemplate.class),
				byName(EventsHandlerAutoConfiguration.DEAD_LETTER_TEMPLATE_BEAN_NAME, KafkaTemplate.class),
				byName(EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
						ConcurrentKafkaListenerContainerFactory.class),
				byName("eventsHealthIndicator", EventsHealthIndicator.class));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("replaceableBeans")
	<T> void theApplicationsBeanReplacesOurs(String name, Class<T> type, Supplier<T> applicationBean,
			String[] properties) {
		T own = applicationBean.get();
		this.runner.withPropertyValues(properties).withBean(name, type, () -> own).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(name)).isSameAs(own);
			if (name.startsWith("user")) {
				assertThat(context).getBean(type).isSameAs(own);
			}
		});
	}

	private static Arguments byType(Class<?> type) {
		return Arguments.of("user" + type.getSimpleName(), type, mockOf(type), NO_PROPERTIES);
	}

	private static Arguments byName(String name, Class<?> type) {
		return Arguments.of(name, type, mockOf(type), NO_PROPERTIES);
	}

	private static Supplier<Object> mockOf(Class<?> type) {
		return () -> mock(type);
	}

	private static Supplier<Object> eventsDatabaseOnItsOwnH2() {
		return () -> {
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL(newH2Url());
			return new EventsDatabase(dataSource, JdbcDialect.H2);
		};
	}

	private static String newH2Url() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

}
