package dev.events.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.support.Instances;
import dev.events.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay requests and the window each partition replays, as the database keeps them: a window
 * is recorded once per request and partition, whoever records it first; windows under way are
 * found by handler and partition until done; old requests go with their windows.
 */
abstract class ReplayStoreIntegrationTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private static final TopicPartition FIRST = new TopicPartition("replayed", 0);

	private static final TopicPartition SECOND = new TopicPartition("replayed", 1);

	private final TestDatabase server;

	private ConfigurableApplicationContext context;

	ReplayStoreIntegrationTests(TestDatabase server) {
		this.server = server;
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void windowsAreRecordedOncePerPartitionAndFoundUntilDone() {
		this.context = Instances.on(this.server, "replay_store").run();
		JdbcClient.create(this.context.getBean(DataSource.class))
			.sql("DELETE FROM events_replay_partition")
			.update();
		ReplayStore store = this.context.getBean(ReplayStore.class);
		store.deleteRequestedBefore(NOW.plusSeconds(1));
		ReplayRequest old = new ReplayRequest("old", "ledger", ReplayMode.REDELIVER, NOW.minus(Duration.ofDays(9)),
				null, NOW.minus(Duration.ofDays(8)));
		ReplayRequest ranged = new ReplayRequest("ranged", "ledger", ReplayMode.REHANDLE, NOW.minusSeconds(60),
				NOW.minusSeconds(30), NOW);
		store.save(old);
		store.save(ranged);

		assertThat(store.record(window("ranged", FIRST, "instance-a"))).isTrue();
		assertThat(store.record(window("ranged", FIRST, "instance-b"))).isFalse();
		assertThat(store.record(window("ranged", SECOND, "instance-b"))).isTrue();
		assertThat(store.record(window("old", FIRST, "instance-a"))).isTrue();

		assertThat(store.requests()).containsExactly(old, ranged);
		assertThat(store.find("ranged")).contains(ranged);
		assertThat(store.windows("ranged")).extracting(ReplayWindow::instanceId)
			.containsExactly("instance-a", "instance-b");
		assertThat(store.underWay("ledger", List.of(FIRST))).extracting(ReplayWindow::replayId)
			.containsExactly("old", "ranged");
		assertThat(store.underWay("other", List.of(FIRST, SECOND))).isEmpty();

		store.done(window("ranged", FIRST, "instance-a"), NOW);
		assertThat(store.underWay("ledger", List.of(FIRST, SECOND))).extracting(ReplayWindow::topicPartition)
			.containsExactly(FIRST, SECOND);
		assertThat(store.windows("ranged").get(0).doneAt()).isEqualTo(NOW);

		assertThat(store.deleteRequestedBefore(NOW.minus(Duration.ofDays(7)))).isEqualTo(1);
		assertThat(store.requests()).containsExactly(ranged);
		assertThat(store.windows("old")).isEmpty();
	}

	private static ReplayWindow window(String replayId, TopicPartition partition, String instanceId) {
		return new ReplayWindow(replayId, partition.topic(), partition.partition(), 10, 20, 30, instanceId, NOW, null);
	}

}
