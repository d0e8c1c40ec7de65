package dev.events.benchmarks.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

	private static final int EVENTS_PER_APPEND = 1_000;

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
			this.store.append("bulk-" + stream, ExpectedVersion.noStream(), batch);
			stored += EVENTS_PER_APPEND;
		}
		return stored();
	}

	/**
	 * Read all streams from the first position.
	 * @param expected the events the store holds
	 * @return events per second
	 */
	double readAll(long expected) {
		Set<UUID> ids = new HashSet<>();
		long start = System.nanoTime();
		long last = 0;
		try (Stream<StoredEvent> events = this.store.readAll(1)) {
			for (StoredEvent event : (Iterable<StoredEvent>) events::iterator) {
				assertThat(event.position()).isGreaterThan(last);
				last = event.position();
				ids.add(event.id());
			}
		}
		double rate = ids.size() * 1e9 / (System.nanoTime() - start);
		assertThat(ids).hasSize((int) expected);
		return rate;
	}

	private long stored() {
		return this.jdbc.sql("SELECT COUNT(*) FROM events_store").query(Long.class).single();
	}

}
