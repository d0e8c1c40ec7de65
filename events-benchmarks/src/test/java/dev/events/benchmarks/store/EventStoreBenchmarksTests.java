package dev.events.benchmarks.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.benchmarks.BenchmarkCluster;
import dev.events.benchmarks.BenchmarkClusterExtension;
import dev.events.benchmarks.store.StoreBenchmarkApplication.TallyRepositories;
import dev.events.publish.EventPublisher;
import dev.events.store.EventStore;
import dev.events.test.KafkaReset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's benchmarks, against a Kafka broker and PostgreSQL in processes of their own,
 * the starter in this JVM: single-event appends from 8 threads to streams of their own beside
 * the same transactions without the store (passes alternating, the relay publishing meanwhile),
 * loads of a long stream with and without snapshots, reads of every stream by global position,
 * and at full scale a read of one long stream in a JVM with a small heap. Each is checked for
 * every event once and in order; nothing here asserts a speed. The smoke scale (CI) runs it small;
 * the full scale ({@code -Dbenchmarks.scale=full}) runs the sizes the targets name and rewrites
 * {@code docs/event-store-benchmarks.md}.
 */
@ExtendWith(BenchmarkClusterExtension.class)
class EventStoreBenchmarksTests {

	private static final String PLAIN_TALLY = "plain";

	private static final String SNAPSHOTTED_TALLY = "snapshotted";

	@Test
	void appendsLoadsAndReadsOfAllStreams(BenchmarkCluster cluster) {
		StoreScale scale = StoreScale.current();
		String database = cluster.newDatabase();
		try (ConfigurableApplicationContext application = StoreBenchmarkApplication.start(database,
				cluster.bootstrapServers())) {
			StoreResults results = run(scale, application);
			if (scale.readsLongStream()) {
				readLongStream(scale, cluster, application.getBean(EventStore.class), database);
			}
			if (scale.writesReport()) {
				StoreReport.write(Path.of(System.getProperty("benchmarks.store-report")), scale, results,
						cluster.postgresVersion());
			}
		}
		finally {
			cluster.dropDatabase(database);
			KafkaReset.deleteTopicsAndGroups(cluster.bootstrapServers(), List.of(StoreBenchmarkApplication.TOPIC),
					List.of());
		}
	}

	private static StoreResults run(StoreScale scale, ConfigurableApplicationContext application) {
		EventStore store = application.getBean(EventStore.class);
		JdbcClient jdbc = application.getBean(JdbcClient.class);
		AppendPasses appends = new AppendPasses(application.getBean(TransactionTemplate.class), jdbc, store,
				application.getBean(EventPublisher.class));
		appends.bare(scale.warmupTransactions());
		appends.publishing(scale.warmupTransactions());
		appends.appending(scale.warmupTransactions());
		appends.storing(scale.warmupTransactions());
		List<Double> bare = new ArrayList<>();
		List<Double> publishing = new ArrayList<>();
		List<Double> appending = new ArrayList<>();
		List<Double> storing = new ArrayList<>();
		for (int pass = 0; pass < scale.passes(); pass++) {
			bare.add(appends.bare(scale.transactions()));
			publishing.add(appends.publishing(scale.transactions()));
			appending.add(appends.appending(scale.transactions()));
			storing.add(appends.storing(scale.transactions()));
		}
		appends.appendedVersions()
			.forEach((stream, version) -> assertThat(store.version(stream)).as(stream).isEqualTo(version));

		TallyRepositories tallies = application.getBean(TallyRepositories.class);
		StreamLoads.build(tallies.plain(), PLAIN_TALLY, scale.streamLength());
		StreamLoads.build(tallies.snapshotted(), SNAPSHOTTED_TALLY, scale.snapshottedStreamLength());
		List<Double> plainLoads = StreamLoads.measure(tallies.plain(), PLAIN_TALLY, scale.streamLength(),
				scale.loads());
		List<Double> snapshottedLoads = StreamLoads.measure(tallies.snapshotted(), SNAPSHOTTED_TALLY,
				scale.snapshottedStreamLength(), scale.loads());

		ReadAllPasses readAll = new ReadAllPasses(store, jdbc);
		long stored = readAll.fill(scale.readAllEvents());
		double sequencing = readAll.readAll(stored);
		List<Double> reading = new ArrayList<>();
		for (int pass = 0; pass < scale.passes(); pass++) {
			reading.add(readAll.readAll(stored));
		}
		return new StoreResults(bare, publishing, appending, storing, plainLoads, snapshottedLoads, stored, sequencing,
				reading);
	}

	/**
	 * Read a long stream in a JVM with a small heap, and read it into a list there too, which
	 * must run out of heap: the streamed read held a small part of it at a time.
	 */
	private static void readLongStream(StoreScale scale, BenchmarkCluster cluster, EventStore store,
			String database) {
		LongStreamReads.fill(store, scale.longStreamEvents());
		Path logs = cluster.workDir();
		assertThat(LongStreamReads.read(logs, database, cluster.bootstrapServers(), scale.longStreamEvents(), false))
			.as("the exit code of the streamed read with a small heap; see its log in %s", logs)
			.isZero();
		assertThat(LongStreamReads.read(logs, database, cluster.bootstrapServers(), scale.longStreamEvents(), true))
			.as("the exit code of the read into a list, which must not fit the heap; see its log in %s", logs)
			.isEqualTo(LongStreamReads.OUT_OF_MEMORY);
	}

}
