package dev.events.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Streams of events kept as the source of truth. Each append is one transaction, or part of the
 * caller's: its events are stored and published through the outbox together, keyed by their
 * stream, with the ids they are stored under; an append that rolls back stores and publishes
 * nothing.
 */
public interface EventStore {

	/**
	 * Append events to a stream, creating it if need be.
	 * @param stream the stream, such as {@code account-42}
	 * @param expectedVersion the version the stream must be at
	 * @param events instances of registered event classes, in order
	 * @return the stream's version after the append: that of its last event
	 * @throws ConcurrencyConflictException if the stream is at another version than expected
	 * @throws dev.events.type.UnknownEventTypeException if an event's class is not registered
	 */
	long append(String stream, ExpectedVersion expectedVersion, List<?> events);

	/**
	 * Append events to a stream, creating it if need be.
	 * @param stream the stream, such as {@code account-42}
	 * @param expectedVersion the version the stream must be at
	 * @param events instances of registered event classes, in order
	 * @return the stream's version after the append: that of its last event
	 * @throws ConcurrencyConflictException if the stream is at another version than expected
	 * @see #append(String, ExpectedVersion, List)
	 */
	default long append(String stream, ExpectedVersion expectedVersion, Object... events) {
		return append(stream, expectedVersion, List.of(events));
	}

	/**
	 * Read a stream from its first event.
	 * @param stream the stream
	 * @return its events in version order, read a page at a time as the stream is consumed;
	 * empty for a stream with no events
	 */
	default Stream<StoredEvent> read(String stream) {
		return read(stream, 1);
	}

	/**
	 * Read a stream from a version on.
	 * @param stream the stream
	 * @param fromVersion the version of the first event to read
	 * @return its events from that version on, in version order, read a page at a time as the
	 * stream is consumed
	 */
	Stream<StoredEvent> read(String stream, long fromVersion);

	/**
	 * Read the events of all streams from a global position on, in the order their appends were
	 * found committed: an event whose transaction commits after others that were written later
	 * comes after them, so a reader that follows the positions never passes it. Events get their
	 * positions when they are first read this way (in a transaction of their own, one instance at
	 * a time); until then a {@link StoredEvent#position()} is 0.
	 * @param fromPosition the global position of the first event to read, 1 for all
	 * @return the events in position order, read a page at a time as the stream is consumed
	 */
	Stream<StoredEvent> readAll(long fromPosition);

	/**
	 * Read the events of all streams appended at or after a time, in position order, as
	 * {@link #readAll(long)} does: for an audit of what happened since then.
	 * @param fromTime the earliest append time
	 * @return the events appended since then, in position order, read a page at a time
	 */
	Stream<StoredEvent> readAll(OffsetDateTime fromTime);

	/**
	 * Return a stream's version.
	 * @param stream the stream
	 * @return the version of its last event, 0 for a stream with no events
	 */
	long version(String stream);

}
