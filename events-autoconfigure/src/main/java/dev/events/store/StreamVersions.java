package dev.events.store;

import java.util.List;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.events.jdbc.JdbcDialect;

/**
 * Each stream's version, in the row that appends to the stream lock: an append moves it from the
 * version it expects, or from whatever it is for one that expects any.
 */
final class StreamVersions {

	private static final String VERSION = """
			SELECT version FROM events_store_stream WHERE tenant_key = ? AND stream_id = ?""";

	/**
	 * The version as committed, read with a lock: after a conflict, what a plain read at a
	 * stricter isolation level would not show yet.
	 */
	private static final String LOCKED_VERSION = VERSION + " FOR UPDATE";

	private static final List<String> COLUMNS = List.of("tenant_key", "stream_id", "version");

	private static final String ADD = """
			UPDATE events_store_stream SET version = version + ? WHERE tenant_key = ? AND stream_id = ?""";

	private static final String MOVE = """
			UPDATE events_store_stream SET version = ? WHERE tenant_key = ? AND stream_id = ? AND version = ?""";

	private final JdbcTemplate jdbc;

	private final String insert;

	/**
	 * Create the versions of a database's streams.
	 * @param jdbc the events database
	 * @param dialect its dialect, whose {@link JdbcDialect#insertUnlessDuplicate insert} of a
	 * stream's row takes no gap locks: MariaDB's insert-if-absent did, which held back appends
	 * creating neighbouring streams until it committed
	 */
	StreamVersions(JdbcTemplate jdbc, JdbcDialect dialect) {
		this.jdbc = jdbc;
		this.insert = dialect.insertUnlessDuplicate("events_store_stream", COLUMNS);
	}

	/**
	 * Move a stream's version past the events of an append, from the version expected.
	 * @param tenantKey the key of the stream's tenant
	 * @param stream the stream
	 * @param expected the version the append expects
	 * @param count the events it appends
	 * @return the version before the append
	 * @throws ConcurrencyConflictException if the stream is at another version
	 */
	long advance(String tenantKey, String stream, ExpectedVersion expected, int count) {
		try {
			if (expected.isAny()) {
				return advanceFromAny(tenantKey, stream, count);
			}
			if (expected.version() == 0) {
				return create(tenantKey, stream, count);
			}
			if (this.jdbc.update(MOVE, expected.version() + count, tenantKey, stream, expected.version()) == 0) {
				throw new ConcurrencyConflictException(stream, expected, lockedVersion(tenantKey, stream), null);
			}
			return expected.version();
		}
		catch (ConcurrencyConflictException ex) {
			throw ex;
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			throw new ConcurrencyConflictException(stream, expected, null, ex);
		}
	}

	/**
	 * Return a stream's version.
	 * @param tenantKey the key of the stream's tenant
	 * @param stream the stream
	 * @return the version, 0 for a stream with no events
	 */
	long version(String tenantKey, String stream) {
		return versionOrZero(VERSION, tenantKey, stream);
	}

	private long create(String tenantKey, String stream, int count) {
		if (!insert(tenantKey, stream, count)) {
			throw new ConcurrencyConflictException(stream, ExpectedVersion.noStream(),
					lockedVersion(tenantKey, stream), null);
		}
		return 0;
	}

	/**
	 * Add to the stream's version whatever it is, creating the stream if it has none. An existing
	 * stream's row is updated at once, so that it is locked for writing from the start: MariaDB
	 * would otherwise let two appends share a read lock on it and end in a deadlock when each
	 * wants to write. Whether it exists is read without a lock, since an update of a missing row
	 * locks the gap where it would go in MariaDB and holds back appends creating neighbouring
	 * streams.
	 */
	private long advanceFromAny(String tenantKey, String stream, int count) {
		boolean exists = !versions(VERSION, tenantKey, stream).isEmpty();
		if (!exists && insert(tenantKey, stream, count)) {
			return 0;
		}
		this.jdbc.update(ADD, count, tenantKey, stream);
		return version(tenantKey, stream) - count;
	}

	/**
	 * Insert the stream's row, unless it exists.
	 * @return whether this inserted it
	 */
	private boolean insert(String tenantKey, String stream, int version) {
		try {
			return this.jdbc.update(this.insert, tenantKey, stream, version) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private long lockedVersion(String tenantKey, String stream) {
		return versionOrZero(LOCKED_VERSION, tenantKey, stream);
	}

	private long versionOrZero(String query, String tenantKey, String stream) {
		List<Long> versions = versions(query, tenantKey, stream);
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	private List<Long> versions(String query, String tenantKey, String stream) {
		return this.jdbc.queryForList(query, Long.class, tenantKey, stream);
	}

}
