package dev.events.benchmarks.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.store.EventStore;
import dev.events.store.ExpectedVersion;
import dev.events.store.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of every stream by global position, from the start, each checked to return every event
 * once in increasing positions.
 */
final class ReadAllPasses {

	/** The events each append of a long stream writes. */
	static final int EVENTS_PER_APPEND = 1_000;

	private final EventStore store;

	private final JdbcClient jdbc;

	ReadAllPasses(EventStore store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	/**
	 * Append events to new streams until the store holds at least {@code events}.
	 * @param events the events the store must hold
	 * @return the events it holds
	 */
	long fill(int events) {
		long stored = stored();
		for (int stream = 0; stored < events; stream++) {
			List<Tallied> batch = new ArrayList<>();
			for (int seq = 0; seq < EVENTS_PER_APPEND; seq++) {
				batch.add(new Tallied(seq, AppendPasses.NOTE));
			}
			this.store.append(StoreBenchmarkApplication.BULK + "-" + stream, ExpectedVersion.noStream(), batch);
			stored += EVENTS_PER_APPEND;
		}
		return stored();
	}

	/**
	 * Read all streams from the first position, timing the read alone and checking afterwards
	 * that it returned every event once in increasing positions.
	 * @param expected the events the store holds
	 * @return events per second
	 */
	double readAll(long expected) {
		long[] positions = new long[(int) expected];
		UUID[] ids = new UUID[(int) expected];
		int read = 0;
		long start = System.nanoTime();
		try (Stream<StoredEvent> events = this.store.readAll(1)) {
			for (StoredEvent event : (Iterable<StoredEvent>) events::iterator) {
				if (read == ids.length) {
					throw new IllegalStateException("readAll returned more than the " + expected + " events stored");
				}
				positions[read] = event.position();
				ids[read++] = event.id();
			}
		}
		double rate = read * 1e9 / (System.nanoTime() - start);
		assertThat(read).as("events read").isEqualTo(expected);
		assertThat(positions).isSorted().doesNotHaveDuplicates();
		assertThat(ids).doesNotHaveDuplicates();
		return rate;
	}

	private long stored() {
		return this.jdbc.sql("SELECT COUNT(*) FROM events_store").query(Long.class).single();
	}

}
