package dev.events.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.JdbcDialect;

/**
 * The latest snapshot of each stream, in the events database: written in the transaction of the
 * append that reached its version, so that it never shows events that rolled back. A stream's
 * first snapshot is inserted after a read without locks finds none, and its later ones update
 * its row: an update or an insert-if-absent of a row not there yet locks the gap where it would
 * go on MariaDB, which held back the first snapshots of neighbouring streams until it committed.
 */
class SnapshotStore {

	private static final String SELECT = """
			SELECT version, data FROM events_store_snapshot WHERE tenant_key = ? AND stream_id = ?""";

	private static final List<String> COLUMNS = List.of("tenant_key", "stream_id", "version", "taken_at", "data");

	private static final String UPDATE = """
			UPDATE events_store_snapshot SET version = ?, taken_at = ?, data = ?
			WHERE tenant_key = ? AND stream_id = ? AND version < ?""";

	private final JdbcTemplate jdbc;

	private final String insert;

	private final Clock clock;

	private final TenantScope tenancy;

	/**
	 * Create the store of a database's snapshots.
	 * @param database the events database, whose dialect's
	 * {@link JdbcDialect#insertUnlessDuplicate insert} of a first snapshot takes no gap locks
	 * @param clock when snapshots are taken
	 * @param tenancy the tenant of the streams
	 */
	SnapshotStore(EventsDatabase database, Clock clock, TenantScope tenancy) {
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.insert = database.dialect().insertUnlessDuplicate("events_store_snapshot", COLUMNS);
		this.clock = clock;
		this.tenancy = tenancy;
	}

	/**
	 * Return a stream's latest snapshot.
	 * @param stream the stream
	 * @return the snapshot, if one was taken
	 */
	Optional<Snapshot> find(String stream) {
		return this.jdbc
			.query(SELECT, (row, index) -> new Snapshot(row.getLong("version"), row.getBytes("data")),
					this.tenancy.key(), stream)
			.stream()
			.findFirst();
	}

	/**
	 * Keep a snapshot, unless the stream has a later one.
	 * @param stream the stream
	 * @param snapshot the snapshot
	 */
	void save(String stream, Snapshot snapshot) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		String tenantKey = this.tenancy.key();
		if (find(stream).isEmpty() && insert(tenantKey, stream, snapshot, now)) {
			return;
		}
		this.jdbc.update(UPDATE, (statement) -> {
			statement.setLong(1, snapshot.version());
			statement.setObject(2, now);
			statement.setBytes(3, snapshot.data());
			statement.setString(4, tenantKey);
			statement.setString(5, stream);
			statement.setLong(6, snapshot.version());
		});
	}

	/**
	 * Insert the stream's first snapshot, unless a concurrent save did.
	 * @return whether this inserted it
	 */
	private boolean insert(String tenantKey, String stream, Snapshot snapshot, OffsetDateTime now) {
		try {
			return this.jdbc.update(this.insert, (statement) -> {
				statement.setString(1, tenantKey);
				statement.setString(2, stream);
				statement.setLong(3, snapshot.version());
				statement.setObject(4, now);
				statement.setBytes(5, snapshot.data());
			}) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * An aggregate's state at a version of its stream.
	 *
	 * @param version the version
	 * @param data the state as JSON
	 */
	record Snapshot(long version, byte[] data) {
	}

}
