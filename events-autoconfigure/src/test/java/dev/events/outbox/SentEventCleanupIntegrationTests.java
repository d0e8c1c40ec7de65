package dev.events.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublisher;
import dev.events.support.Instances;
import dev.events.test.TestDatabase;
import dev.events.test.TopicReader;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sent events kept for a retention are deleted by the relay once it has passed, one bounded
 * batch per round, so that a large cleanup goes on across rounds while the relay keeps sending.
 */
abstract class SentEventCleanupIntegrationTests {

	private static final int EVENTS = 250;

	private final TestDatabase server;

	private ConfigurableApplicationContext context;

	SentEventCleanupIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void sentEventsOlderThanTheRetentionAreDeletedBatchByBatchWhileTheRelayKeepsSending() {
		String database = "sent_cleanup";
		this.context = Instances.on(this.server, database)
			.properties("events.topics.retained.partitions=2", "events.outbox.retention=1h",
					"events.outbox.cleanup-interval=100ms", "events.outbox.cleanup-batch-size=100")
			.run();
		JdbcClient jdbc = JdbcClient.create(this.context.getBean(DataSource.class));
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		this.context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> IntStream.range(0, EVENTS)
				.forEach((n) -> publisher.publish(new Retained("key-" + n % 7))));
		await().atMost(Duration.ofSeconds(30)).until(() -> countSent(jdbc) == EVENTS);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single())
			.as("sent events are kept for the retention")
			.isEqualTo(EVENTS);
		jdbc.sql("UPDATE events_outbox SET sent_at = ?")
			.param(OffsetDateTime.now(ZoneOffset.UTC).minusHours(2))
			.update();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc.sql("SELECT COUNT(*) FROM events_outbox").query(Long.class).single())
				.as("events sent more than the retention ago, over several batches")
				.isZero());
		UUID later = publisher.publish(new Retained("key-later"));
		assertThat(TopicReader.readUntil("retained",
				(records) -> records.stream().anyMatch((record) -> record.value().getId().equals(later.toString())),
				Duration.ofSeconds(30)))
			.as("the relay still sends")
			.isNotEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> countSent(jdbc) == 1);
	}

	private static long countSent(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NOT NULL").query(Long.class).single();
	}

	@DomainEvent(type = "dev.events.test.Retained", topic = "retained", key = "key")
	record Retained(String key) {

	}

}
