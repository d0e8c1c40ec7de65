package dev.events.store;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import dev.events.store.SnapshotStore.Snapshot;

/**
 * Loads and saves the aggregates of one type, each in a stream of its own named by a prefix and
 * its id, such as {@code account-42}. Made with {@link AggregateRepositories#of}.
 *
 * @param <A> the aggregate type
 */
public final class AggregateRepository<A extends EventSourcedAggregate> {

	private static final Log logger = LogFactory.getLog(AggregateRepository.class);

	private final EventStore store;

	private final SnapshotStore snapshots;

	private final JsonMapper jsonMapper;

	private final Supplier<A> factory;

	private final String streamPrefix;

	private final @Nullable Snapshots<A, ?> snapshotting;

	AggregateRepository(EventStore store, SnapshotStore snapshots, JsonMapper jsonMapper, Supplier<A> factory,
			String streamPrefix, @Nullable Snapshots<A, ?> snapshotting) {
		this.store = store;
		this.snapshots = snapshots;
		this.jsonMapper = jsonMapper;
		this.factory = factory;
		this.streamPrefix = streamPrefix;
		this.snapshotting = snapshotting;
	}

	/**
	 * Return a repository that keeps a snapshot of an aggregate each time its stream passes a
	 * multiple of {@code every} events, and loads from the latest snapshot and the events after
	 * it. A snapshot that no longer reads into the state type (after the type changed) is
	 * ignored, and the aggregate is loaded from all of its events.
	 * @param every the events between snapshots
	 * @param stateType what a snapshot holds, written and read as JSON
	 * @param state the state of an aggregate
	 * @param restore restores an empty aggregate to a state
	 * @param <S> the state type
	 * @return the repository
	 */
	public <S> AggregateRepository<A> withSnapshots(int every, Class<S> stateType, Function<A, S> state,
			BiConsumer<A, S> restore) {
		Assert.isTrue(every > 0, "Snapshots are taken every 1 event or more");
		return new AggregateRepository<>(this.store, this.snapshots, this.jsonMapper, this.factory, this.streamPrefix,
				new Snapshots<>(every, stateType, state, restore));
	}

	/**
	 * Return a new aggregate, to raise its first events on and save.
	 * @return an aggregate at version 0
	 */
	public A create() {
		return this.factory.get();
	}

	/**
	 * Load an aggregate.
	 * @param id its id
	 * @return the aggregate at its stream's version, or empty if its stream has no events
	 */
	public Optional<A> load(String id) {
		String stream = stream(id);
		A aggregate = this.factory.get();
		Snapshots<A, ?> snapshotting = this.snapshotting;
		if (snapshotting != null) {
			this.snapshots.find(stream).ifPresent((snapshot) -> restore(stream, aggregate, snapshot, snapshotting));
		}
		try (Stream<StoredEvent> events = this.store.read(stream, aggregate.version() + 1)) {
			events.forEach((event) -> aggregate.replay(event.event(), event.version()));
		}
		return (aggregate.version() > 0) ? Optional.of(aggregate) : Optional.empty();
	}

	/**
	 * Append the events an aggregate raised to its stream, expecting the version it was loaded
	 * at, then take a snapshot if one is due: in the caller's transaction when there is one, so
	 * that a snapshot never holds events that rolled back.
	 * @param id its id
	 * @param aggregate the aggregate
	 * @return the stream's version after the append
	 * @throws ConcurrencyConflictException if the stream changed since the aggregate was loaded
	 */
	public long save(String id, A aggregate) {
		List<Object> changes = aggregate.changes();
		if (changes.isEmpty()) {
			return aggregate.version();
		}
		String stream = stream(id);
		long version = this.store.append(stream, ExpectedVersion.exactly(aggregate.version()), changes);
		aggregate.saved(version);
		Snapshots<A, ?> snapshotting = this.snapshotting;
		if (snapshotting != null && snapshotting.dueAfter(version - changes.size(), version)) {
			this.snapshots.save(stream, new Snapshot(version, snapshotting.write(aggregate, this.jsonMapper)));
		}
		return version;
	}

	private void restore(String stream, A aggregate, Snapshot snapshot, Snapshots<A, ?> snapshotting) {
		try {
			snapshotting.read(aggregate, snapshot.data(), this.jsonMapper);
			aggregate.restored(snapshot.version());
		}
		catch (JacksonException ex) {
			logger.warn("Ignoring the snapshot of stream '%s' at version %d, which does not read into the state "
				.formatted(stream, snapshot.version()) + "type (" + ex.getOriginalMessage()
					+ "); loading it from all of its events");
		}
	}

	private String stream(String id) {
		Assert.hasText(id, "An aggregate's id must not be empty");
		return this.streamPrefix + id;
	}

	/**
	 * How an aggregate type's snapshots are taken and read.
	 */
	private record Snapshots<A, S>(int every, Class<S> stateType, Function<A, S> state, BiConsumer<A, S> restore) {

		boolean dueAfter(long previousVersion, long version) {
			return version / this.every > previousVersion / this.every;
		}

		byte[] write(A aggregate, JsonMapper jsonMapper) {
			return jsonMapper.writeValueAsBytes(this.state.apply(aggregate));
		}

		void read(A aggregate, byte[] data, JsonMapper jsonMapper) {
			this.restore.accept(aggregate, jsonMapper.readValue(data, this.stateType));
		}

	}

}
