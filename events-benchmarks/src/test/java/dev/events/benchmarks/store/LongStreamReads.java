package dev.events.benchmarks.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.events.harness.ChildProcess;
import dev.events.store.EventStore;
import dev.events.store.ExpectedVersion;

/**
 * One long stream of ~1 KB events, kept without publishing, read by a {@link LongStreamReader}
 * in a JVM whose heap holds a small part of it.
 */
final class LongStreamReads {

	/** The stream, of a category the store keeps without publishing. */
	static final String STREAM = StoreBenchmarkApplication.ARCHIVE + "-1";

	/** The reader's heap. */
	static final String HEAP = "64m";

	/** The exit code of a JVM that ran out of heap, with {@code -XX:+ExitOnOutOfMemoryError}. */
	static final int OUT_OF_MEMORY = 3;

	static final String PAYLOAD = "p".repeat(1_000);

	private LongStreamReads() {
	}

	/**
	 * Append the stream.
	 * @param store the store
	 * @param events its events
	 */
	static void fill(EventStore store, int events) {
		for (int version = 0; version < events; version += ReadAllPasses.EVENTS_PER_APPEND) {
			List<Tallied> batch = new ArrayList<>();
			for (int seq = version + 1; seq <= Math.min(version + ReadAllPasses.EVENTS_PER_APPEND, events); seq++) {
				batch.add(new Tallied(seq, PAYLOAD));
			}
			store.append(STREAM, ExpectedVersion.exactly(version), batch);
		}
	}

	/**
	 * Read the stream in a JVM of its own with a {@value #HEAP} heap.
	 * @param workDir where its log goes
	 * @param jdbcUrl the database
	 * @param bootstrapServers the broker
	 * @param events the events the stream holds
	 * @param whole whether to collect them in a list rather than stream them
	 * @return its exit code: 0 when it read every event in order
	 */
	static int read(Path workDir, String jdbcUrl, String bootstrapServers, int events, boolean whole) {
		String mode = whole ? LongStreamReader.WHOLE : LongStreamReader.STREAMED;
		ChildProcess reader = ChildProcess.java("long-stream-reader-" + mode, HEAP,
				List.of("-XX:+ExitOnOutOfMemoryError"), LongStreamReader.class.getName(),
				List.of(jdbcUrl, bootstrapServers, Integer.toString(events), mode),
				workDir.resolve("long-stream-" + mode + ".log"));
		reader.start();
		return reader.awaitExit(Duration.ofMinutes(5));
	}

}
