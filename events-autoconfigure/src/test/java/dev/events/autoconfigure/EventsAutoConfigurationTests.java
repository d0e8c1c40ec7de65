package dev.events.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.cloudevents.CloudEventRecordMapper;
import dev.events.cloudevents.CloudEventsMode;
import dev.events.consume.DeadLetterTopics;
import dev.events.consume.EventHandlerEndpointConfigurer;
import dev.events.context.EventContext;
import dev.events.inbox.EventKey;
import dev.events.inbox.InboxCleaner;
import dev.events.inbox.InboxEntry;
import dev.events.inbox.InboxStore;
import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.outbox.JdbcShardLeases;
import dev.events.outbox.LeasedShards;
import dev.events.outbox.OutboxEntry;
import dev.events.outbox.OutboxEventPublisher;
import dev.events.outbox.OutboxRelay;
import dev.events.outbox.OutboxStore;
import dev.events.outbox.ShardLeases;
import dev.events.publish.DirectEventPublisher;
import dev.events.publish.EventPublisher;
import dev.events.publish.OutboundEventFactory;
import dev.events.type.DomainEvent;
import dev.events.type.EventTypeRegistry;
import dev.events.type.EventTypeRegistryCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

/**
 * Auto-configuration of {@code events}: which beans exist under which conditions. No broker is
 * needed; an in-memory H2 stands for the database.
 */
class EventsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, EventsAutoConfiguration.class,
				EventsJdbcAutoConfiguration.class, EventsOutboxAutoConfiguration.class, EventsFlywayAutoConfiguration.class,
				EventsInboxAutoConfiguration.class, EventsHandlerAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1");

	private final ApplicationContextRunner jdbcRunner = this.runner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.flyway.enabled=false");

	@Test
	void withoutDataSourceEventsArePublishedDirectly() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DirectEventPublisher.class)
				.doesNotHaveBean(OutboxStore.class)
				.doesNotHaveBean(OutboxRelay.class);
			assertThat(context).getBean(EventPublisher.class).isInstanceOf(DirectEventPublisher.class);
		});
	}

	@Test
	void withoutJdbcOnTheClasspathEventsArePublishedDirectly() {
		this.jdbcRunner.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.run((context) -> assertThat(context).getBean(EventPublisher.class).isInstanceOf(DirectEventPublisher.class));
	}

	@Test
	void withDataSourceEventsGoThroughTheOutboxWhoseTablesAreCreated() {
		this.jdbcRunner.run((context) -> {
			assertThat(context).hasSingleBean(OutboxEventPublisher.class)
				.hasSingleBean(OutboxStore.class)
				.hasSingleBean(OutboxRelay.class)
				.hasSingleBean(EventsSchemaMigrator.class)
				.doesNotHaveBean(DirectEventPublisher.class);
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM \"events_schema_history\" WHERE \"version\" = '1'").query(Long.class).single())
				.isPositive();
		});
	}

	@Test
	void shardLeasesWorkOnH2() {
		this.jdbcRunner.withPropertyValues("events.outbox.shards=4", "events.outbox.relay.enabled=true")
			.run((context) -> assertThat(context.getBean(ShardLeases.class).refresh(Set.of()).shards())
				.containsExactlyInAnyOrder(0, 1, 2, 3));
	}

	@Test
	void eventTypesOfTheConfiguredPackagesAreRegisteredAtStartup() {
		this.runner.withPropertyValues("events.types.packages=dev.events.scan")
			.run((context) -> assertThat(context.getBean(EventTypeRegistry.class)
				.definitionFor("dev.events.test.ParcelReturned")
				.topic()).isEqualTo("parcel-moves"));
	}

	@Test
	void inboxRecognisesDuplicatesOnH2() {
		this.jdbcRunner.run((context) -> {
			InboxStore inbox = context.getBean(InboxStore.class);
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			boolean[] first = transactions.execute((status) -> inbox.markReceived("billing", keys("a", "b", "a")));
			boolean[] second = transactions.execute((status) -> inbox.markReceived("billing", keys("b", "c")));
			boolean[] otherHandler = transactions.execute((status) -> inbox.markReceived("shipping", keys("a")));
			boolean[] otherSource = transactions
				.execute((status) -> inbox.markReceived("billing",
					List.of(new InboxEntry(new EventKey("elsewhere", "a"), null))));
			assertThat(first).containsExactly(true, true, false);
			assertThat(second).containsExactly(false, true);
			assertThat(otherHandler).containsExactly(true);
			assertThat(otherSource).containsExactly(true);
		});
	}

	@Test
	void inboxRowsOlderThanTheRetentionAreDeleted() {
		this.jdbcRunner.withPropertyValues("events.handlers.inbox.retention=50ms",
				"events.handlers.inbox.cleanup-batch-size=1").run((context) -> {
			InboxStore inbox = context.getBean(InboxStore.class);
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transactions.executeWithoutResult((status) -> inbox.markReceived("billing", keys("old", "older")));
			Thread.sleep(100);
			transactions.executeWithoutResult((status) -> inbox.markReceived("billing", keys("new")));
			assertThat(context.getBean(InboxCleaner.class).cleanUp()).as("both old rows, one batch each").isEqualTo(2);
			boolean[] again = transactions.execute((status) -> inbox.markReceived("billing", keys("old", "new")));
			assertThat(again).as("old was forgotten, new is remembered").containsExactly(true, false);
		});
	}

	@Test
	void sentEventsAreKeptForTheRetentionThenDeleted() {
		this.jdbcRunner.withPropertyValues("events.outbox.retention=1h", "events.outbox.relay.enabled=false")
			.run((context) -> {
				OutboxStore store = context.getBean(OutboxStore.class);
				OutboundEventFactory events = context.getBean(OutboundEventFactory.class);
				for (String id : List.of("r-1", "r-2", "r-3")) {
					store.append(events.create(new Retained(id), EventContext.empty()));
				}
				LeasedShards leased = leaseAllShards(context.getBean(DataSource.class));
				List<OutboxEntry> pending = store.findPending(leased, 10);
				assertThat(pending).hasSize(3);
				assertThat(store.markSent(leased, pending)).isEqualTo(3);
				JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
				assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NOT NULL").query(Long.class)
					.single()).isEqualTo(3);
				assertThat(store.backlog().pending()).isZero();
				assertThat(store.deleteSentBefore(Instant.now().minusSeconds(60), 2)).isZero();
				assertThat(store.deleteSentBefore(Instant.now().plusSeconds(1), 2)).as("a bounded batch").isEqualTo(2);
				assertThat(store.deleteSentBefore(Instant.now().plusSeconds(1), 2)).as("the rest").isEqualTo(1);
			});
	}

	@Test
	void withoutDataSourceHandlersHaveNoInbox() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(EventHandlerEndpointConfigurer.class)
			.hasBean(EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME)
			.doesNotHaveBean(InboxStore.class)
			.doesNotHaveBean(InboxCleaner.class));
	}

	@Test
	void handlersWithTheInboxCommitOffsetsAtAnIntervalAndWithoutItAfterEveryPoll() {
		this.jdbcRunner.run((context) -> assertThat(handlerContainer(context).getAckMode()).isEqualTo(AckMode.TIME));
		this.jdbcRunner.withPropertyValues("events.handlers.inbox.offset-commit-interval=250ms")
			.run((context) -> assertThat(handlerContainer(context).getAckTime()).isEqualTo(250));
		this.jdbcRunner.withPropertyValues("events.handlers.inbox.offset-commit-interval=0")
			.run((context) -> assertThat(handlerContainer(context).getAckMode()).isEqualTo(AckMode.BATCH));
		this.runner.run((context) -> assertThat(handlerContainer(context).getAckMode())
			.as("without the inbox a redelivered event is handled again")
			.isEqualTo(AckMode.BATCH));
	}

	@Test
	@SuppressWarnings("unchecked")
	void handlerContainersFollowBootsAutoStartup() {
		this.runner.run((context) -> assertThat(handlerFactory(context).createContainer("t").isAutoStartup()).isTrue());
		this.runner.withPropertyValues("spring.kafka.listener.auto-startup=false")
			.run((context) -> assertThat(handlerFactory(context).createContainer("t").isAutoStartup()).isFalse());
	}

	@SuppressWarnings("rawtypes")
	private static ConcurrentKafkaListenerContainerFactory handlerFactory(ApplicationContext context) {
		return context.getBean(EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
				ConcurrentKafkaListenerContainerFactory.class);
	}

	private static ContainerProperties handlerContainer(ApplicationContext context) {
		return context.getBean(EventsHandlerAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
				ConcurrentKafkaListenerContainerFactory.class)
			.getContainerProperties();
	}

	@Test
	void aNewShardCountIsAppliedOnceNoRelayHoldsAShardAndPendingEventsAreRelayedUnderIt() {
		ApplicationContextRunner sharedDatabase = this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:shards-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"spring.flyway.enabled=false");
		sharedDatabase.withPropertyValues("events.outbox.shards=4").run((context) -> {
			context.getBean(OutboxRelay.class).stop();
			assertThat(context.getBean(ShardLeases.class).refresh(Set.of()).shards()).hasSize(4);
			context.getBean(OutboxStore.class)
				.append(context.getBean(OutboundEventFactory.class).create(new Retained("r-1"), EventContext.empty()));
			context.getBean(OutboxStore.class)
				.append(context.getBean(OutboundEventFactory.class).create(new Retained("r-2"), EventContext.empty()));
			JdbcClient.create(context.getBean(DataSource.class))
				.sql("UPDATE events_outbox SET key_hash = NULL WHERE partition_key = 'r-2'")
				.update();
			context.getBean(ShardLeases.class).releaseAll();
		});
		sharedDatabase.withPropertyValues("events.outbox.shards=8").run((context) -> {
			context.getBean(OutboxRelay.class).stop();
			LeasedShards leased = context.getBean(ShardLeases.class).refresh(Set.of());
			assertThat(leased.shardCount()).isEqualTo(8);
			assertThat(leased.shards()).hasSize(8);
			assertThat(context.getBean(OutboxStore.class).findPending(leased, 10))
				.as("events written before key hashes were stored are relayed under the new count too")
				.extracting((entry) -> entry.event().key())
				.containsExactly("r-1", "r-2");
		});
	}

	private static List<InboxEntry> keys(String... ids) {
		return Arrays.stream(ids).map((id) -> new InboxEntry(new EventKey("test", id), null)).toList();
	}

	private static LeasedShards leaseAllShards(DataSource dataSource) {
		JdbcShardLeases leases = new JdbcShardLeases(dataSource, JdbcDialect.H2, "test", 16, Duration.ofMinutes(1));
		leases.afterPropertiesSet();
		return leases.refresh(Set.of());
	}

	@Test
	void outboxCanBeDisabled() {
		this.jdbcRunner.withPropertyValues("events.outbox.enabled=false").run((context) -> {
			assertThat(context).getBean(EventPublisher.class).isInstanceOf(DirectEventPublisher.class);
			assertThat(context).doesNotHaveBean(OutboxStore.class);
		});
	}

	@Test
	void relayCanBeDisabledForInstancesThatOnlyPublish() {
		this.jdbcRunner.withPropertyValues("events.outbox.relay.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(OutboxEventPublisher.class)
				.doesNotHaveBean(OutboxRelay.class)
				.doesNotHaveBean(ShardLeases.class);
		});
	}

	@Test
	void schemaInitializationCanBeDisabled() {
		this.jdbcRunner.withPropertyValues("events.jdbc.initialize-schema=false", "events.outbox.relay.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsSchemaMigrator.class)
				.hasSingleBean(OutboxStore.class));
	}

	@Test
	void relayWithoutItsTablesFailsToStartSayingHowToCreateThem() {
		this.jdbcRunner.withPropertyValues("events.jdbc.initialize-schema=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("The events tables are missing")
				.hasStackTraceContaining("classpath:dev/events/db/migration/"));
	}

	@Test
	void applicationFlywayMigrationsRunBesideOursWithTheirOwnHistory() {
		this.jdbcRunner.withPropertyValues("spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/app-migration")
			.run((context) -> {
				assertThat(context).hasSingleBean(Flyway.class).hasSingleBean(EventsSchemaMigrator.class);
				JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
				assertThat(jdbc.sql("SELECT COUNT(*) FROM app_orders").query(Long.class).single()).isZero();
				assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single()).isZero();
				assertThat(jdbc.sql("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL").query(String.class).list())
					.containsExactly("1");
				assertThat(jdbc.sql("SELECT \"version\" FROM \"events_schema_history\" WHERE \"version\" <> '0'")
					.query(String.class)
					.list()).startsWith("1", "2");
			});
	}

	@Test
	void beansThatDependOnDatabaseInitializationFindTheEventsTables() {
		this.jdbcRunner.withUserConfiguration(OutboxCountAtStartupConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(OutboxCountAtStartup.class).rows()).isZero();
		});
	}

	@Test
	void userBeansReplaceOurs() {
		EventPublisher publisher = (event, context) -> UUID.randomUUID();
		OutboxStore store = mock(OutboxStore.class);
		EventTypeRegistry registry = new EventTypeRegistry();
		this.jdbcRunner.withPropertyValues("events.outbox.relay.enabled=false")
			.withBean(EventPublisher.class, () -> publisher)
			.withBean(OutboxStore.class, () -> store)
			.withBean(EventTypeRegistry.class, () -> registry)
			.run((context) -> {
				assertThat(context).getBean(EventPublisher.class).isSameAs(publisher);
				assertThat(context).getBean(OutboxStore.class).isSameAs(store);
				assertThat(context).getBean(EventTypeRegistry.class).isSameAs(registry);
			});
	}

	@Test
	void eventTypeRegistryCustomizersAreApplied() {
		this.runner.withBean(EventTypeRegistryCustomizer.class,
				() -> (registry) -> registry.register(Legacy.class, "legacy.Created", "legacy", Legacy::id))
			.run((context) -> assertThat(context.getBean(EventTypeRegistry.class).definitionFor("legacy.Created")
				.eventClass()).isEqualTo(Legacy.class));
	}

	@Test
	void propertiesBind() {
		this.runner
			.withPropertyValues("events.source=urn:acme:orders", "events.tenancy.required=true",
					"events.cloudevents.mode=structured", "events.outbox.shards=32", "events.outbox.retention=7d",
					"events.outbox.relay.batch-size=1000", "events.outbox.relay.poll-interval=2s",
					"events.outbox.relay.max-attempts=5", "events.outbox.relay.instance-id=node-1")
			.run((context) -> {
				EventsProperties properties = context.getBean(EventsProperties.class);
				assertThat(properties.getSource()).isEqualTo("urn:acme:orders");
				assertThat(properties.getTenancy().isRequired()).isTrue();
				assertThat(properties.getCloudevents().getMode()).isEqualTo(CloudEventsMode.STRUCTURED);
				assertThat(properties.getOutbox().getShards()).isEqualTo(32);
				assertThat(properties.getOutbox().getRetention()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.getOutbox().getRelay().getBatchSize()).isEqualTo(1000);
				assertThat(properties.getOutbox().getRelay().getPollInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getOutbox().getRelay().getMaxAttempts()).isEqualTo(5);
				assertThat(properties.getOutbox().getRelay().getInstanceId()).isEqualTo("node-1");
				assertThat(context).hasSingleBean(CloudEventRecordMapper.class);
			});
	}

	@Test
	void eventsProducerIsIdempotentWithAcksAllUnlessSpringKafkaSaysOtherwise() {
		this.runner.run((context) -> {
			Map<String, Object> config = eventsProducerConfig(context.getBean("eventsKafkaTemplate", KafkaTemplate.class));
			assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
				.containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("localhost:1"));
		});
		this.runner.withPropertyValues("spring.kafka.producer.acks=1", "spring.kafka.producer.properties[max.block.ms]=42")
			.run((context) -> {
				Map<String, Object> config = eventsProducerConfig(
						context.getBean("eventsKafkaTemplate", KafkaTemplate.class));
				assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
					.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "42");
			});
	}

	private static Map<String, Object> eventsProducerConfig(KafkaTemplate<?, ?> template) {
		return template.getProducerFactory().getConfigurationProperties();
	}

	@Test
	void declaredTopicsAreCreatedThroughKafkaAdmin() {
		this.runner
			.withPropertyValues("spring.kafka.admin.auto-create=false", "events.topics.orders.partitions=12", "events.topics.orders.replicas=3",
					"events.topics.orders.retention=7d", "events.topics.orders.cleanup-policy=compact",
					"events.topics.orders.config[min.insync.replicas]=2")
			.run((context) -> {
				assertThat(context).hasBean("eventsTopics");
				NewTopic orders = new EventsTopics(context.getBean(EventsProperties.class).getTopics(),
						new DeadLetterTopics("{topic}.dlt"))
					.newTopics()
					.get(0);
				assertThat(orders.name()).isEqualTo("orders");
				assertThat(orders.numPartitions()).isEqualTo(12);
				assertThat(orders.replicationFactor()).isEqualTo((short) 3);
				assertThat(orders.configs()).containsEntry("retention.ms", "604800000")
					.containsEntry("cleanup.policy", "compact")
					.containsEntry("min.insync.replicas", "2");
			});
	}

	@Test
	void everyPropertyHasADescriptionInTheGeneratedMetadata() throws Exception {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode properties = JsonMapper.builder().build().readTree(metadata).get("properties");
			assertThat(properties.size()).isGreaterThan(15);
			for (JsonNode property : properties) {
				assertThat(property.path("description").asString()).as(property.get("name").asString()).isNotBlank();
			}
		}
	}

	@Test
	void propertiesNamingBeansHaveHintsForIdes() throws Exception {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode hints = JsonMapper.builder().build().readTree(metadata).get("hints");
			Map<String, String> providers = new HashMap<>();
			for (JsonNode hint : hints) {
				providers.put(hint.get("name").asString(),
						hint.get("providers").get(0).get("parameters").get("target").asString());
			}
			assertThat(providers).containsEntry("events.jdbc.data-source", "javax.sql.DataSource")
				.containsEntry("events.jdbc.transaction-manager",
						"org.springframework.transaction.PlatformTransactionManager");
		}
	}

	@Test
	void directPublisherRefusesUnknownEventClassesClearly() {
		this.runner.run((context) -> {
			EventPublisher publisher = context.getBean(EventPublisher.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> publisher.publish(new Legacy("1"), EventContext.empty()))
				.withMessageContaining(Legacy.class.getName())
				.withMessageContaining("@DomainEvent");
		});
	}

	record Legacy(String id) {
	}

	@DomainEvent(type = "test.Retained", topic = "retained", key = "id")
	record Retained(String id) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OutboxCountAtStartupConfiguration {

		@Bean
		@DependsOnDatabaseInitialization
		OutboxCountAtStartup outboxCountAtStartup(DataSource dataSource) {
			return new OutboxCountAtStartup(
					JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single());
		}

	}

	record OutboxCountAtStartup(long rows) {
	}

}
