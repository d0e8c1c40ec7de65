package dev.events.inbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.jdbc.EventsSchemaMigrator;
import dev.events.jdbc.JdbcDialect;
import dev.events.support.Instances;
import dev.events.support.RawRecords;
import dev.events.test.EmbeddedServices;
import dev.events.test.KafkaReset;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CloudEvents makes an event unique by {@code source} and {@code id} together, so the inbox
 * does too: two producers whose ids collide are both handled. Inbox rows written before the
 * source was part of the key still count, so an event handled before the upgrade is not handled
 * again after it.
 */
abstract class InboxSourceIntegrationTests {

	private static final String TYPE = "dev.events.test.Stamped";

	private final TestDatabase server;

	private ConfigurableApplicationContext context;

	InboxSourceIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	/**
	 * Start from empty topics and no committed offsets: the subclass for each database shares them
	 * on the one broker, and would otherwise read the records and dead letters of another's run.
	 */
	@BeforeEach
	void startFromEmptyTopicsAndGroup() {
		List<String> topics = List.of("stamps-inbox_sources", "stamps-inbox_upgrade", "stamps-inbox_blame",
				"stamps-inbox_blame.dlt");
		KafkaReset.deleteTopicsAndGroups(EmbeddedServices.kafkaBootstrapServers(), topics, List.of(Stamps.HANDLER_ID));
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private ConfigurableApplicationContext start(String database) {
		return Instances.on(this.server, database, Stamps.class)
			.properties("events.handlers.dead-letters.destination=topic",
					"events.topics.stamps-" + database + ".partitions=1",
					"events.topics.stamps-" + database + ".dead-letter=true", "events.handlers.retry.max-attempts=1",
					"spring.flyway.enabled=false")
			.run();
	}

	@Test
	void eventsOfTwoSourcesWithTheSameIdAreBothHandled() {
		this.context = start("inbox_sources");
		send("inbox_sources", "billing", "42");
		send("inbox_sources", "shipping", "42");
		send("inbox_sources", "billing", "42");
		Stamps stamps = this.context.getBean(Stamps.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> stamps.handled.size() >= 2);
		send("inbox_sources", "billing", "marker");
		await().atMost(Duration.ofSeconds(30)).until(() -> stamps.handled.contains("billing/marker"));
		assertThat(stamps.handled).containsExactly("billing/42", "shipping/42", "billing/marker");
	}

	@Test
	void eventHandledBeforeTheInboxKeyedBySourceIsNotHandledAgain() {
		DataSource previousVersion = this.server.dataSource("inbox_upgrade");
		Flyway.configure()
			.dataSource(previousVersion)
			.table(EventsSchemaMigrator.HISTORY_TABLE)
			.locations("classpath:dev/events/db/migration/" + JdbcDialect.of(previousVersion).migrationFolder())
			.target("4")
			.load()
			.migrate();
		JdbcClient.create(previousVersion)
			.sql("INSERT INTO events_inbox (handler_id, event_id, received_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
			.params(Stamps.HANDLER_ID, "handled-before")
			.update();

		this.context = start("inbox_upgrade");
		send("inbox_upgrade", "billing", "handled-before");
		send("inbox_upgrade", "billing", "after");
		Stamps stamps = this.context.getBean(Stamps.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> stamps.handled.contains("billing/after"));
		assertThat(stamps.handled).containsExactly("billing/after");
	}

	@Test
	void eventWhoseInboxRowCannotBeWrittenIsTheOnlyOneDeadLettered() {
		this.context = start("inbox_blame");
		MessageListenerContainer container = this.context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer(Stamps.HANDLER_ID);
		container.stop();
		send("inbox_blame", "billing", "before");
		send("inbox_blame", "billing", "x".repeat(300));
		send("inbox_blame", "billing", "after");
		TopicReader.readRaw("stamps-inbox_blame", 3);
		container.start();

		Stamps stamps = this.context.getBean(Stamps.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> stamps.handled.contains("billing/after"));
		assertThat(stamps.handled).containsExactly("billing/before", "billing/after");
		assertThat(TopicReader.readRaw("stamps-inbox_blame.dlt", 1)).singleElement()
			.satisfies((record) -> assertThat(TopicReader.header(record, "ce_id")).hasSize(300));
	}

	private static void send(String database, String source, String id) {
		RawRecords.send(RawRecords.cloudEvent("stamps-" + database, "k", source, id, TYPE, "{\"value\":1}"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Stamps {

		static final String HANDLER_ID = "stamp-collector";

		final List<String> handled = new CopyOnWriteArrayList<>();

		@Bean
		Collector stampCollector() {
			return new Collector(this);
		}

	}

	static class Collector {

		private final Stamps stamps;

		Collector(Stamps stamps) {
			this.stamps = stamps;
		}

		@EventHandler(id = Stamps.HANDLER_ID, types = { SourcesStamp.class, UpgradeStamp.class, BlameStamp.class })
		void collect(EventEnvelope<Object> stamp) {
			this.stamps.handled.add(stamp.source() + "/" + stamp.id());
		}

	}

	@DomainEvent(type = TYPE, topic = "stamps-inbox_sources")
	record SourcesStamp(int value) {
	}

	@DomainEvent(type = TYPE + "Upgrade", topic = "stamps-inbox_upgrade")
	record UpgradeStamp(int value) {
	}

	@DomainEvent(type = TYPE + "Blame", topic = "stamps-inbox_blame")
	record BlameStamp(int value) {
	}

}
