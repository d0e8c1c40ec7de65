package dev.events.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.events.jdbc.JdbcDialect;
import dev.events.jdbc.OldestRows;

/**
 * {@link InboxStore} in the {@code events_inbox} table, keyed by handler, event id and source,
 * with each entry's record time (indexed) for replays that forget a range.
 * On PostgreSQL all events of a call go in one statement that returns the events it did not
 * insert, received before; elsewhere each event is inserted on its own by a plain insert
 * ({@link JdbcDialect#insertUnlessDuplicate}), whose duplicate key fails the statement alone and
 * tells the event was received before: an insert that first looked for the row (INSERT ...
 * SELECT ... WHERE NOT EXISTS) locked the index gap around it on MariaDB, so that concurrent
 * handlers marking neighbouring event ids waited for each other's commit.
 * Rows written before the source was part of the key have an empty source and still mark their
 * event id as handled.
 * <p>
 * PostgreSQL keeps the plan of a statement the driver prepared for the table as it was when it
 * planned it, often nearly empty; a plan that looks rows up by anything but the key then reads
 * the whole inbox on every call once it has grown. So the PostgreSQL statement reads no row of the
 * inbox at all while none of those older rows remain (the key's unique index alone decides), and
 * whether some remain is asked once, and again after each cleanup until they are gone.
 */
public class JdbcInboxStore implements InboxStore {

	private static final String INSERT_REPORTING_RECEIVED_BEFORE = """
			WITH received AS (
			    SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[])
			        AS received (source, event_id, record_millis)),
			inserted AS (
			    INSERT INTO events_inbox (handler_id, source, event_id, received_at, record_time)
			    SELECT ?, received.source, received.event_id, ?,
			        TIMESTAMPTZ 'epoch' + received.record_millis * INTERVAL '1 millisecond'
			    FROM received
			    %s
			    ON CONFLICT DO NOTHING
			    RETURNING source, event_id)
			SELECT received.source, received.event_id FROM received
			WHERE NOT EXISTS (SELECT 1 FROM inserted
			    WHERE inserted.event_id = received.event_id AND inserted.source = received.source)
			""";

	private static final String INSERT = INSERT_REPORTING_RECEIVED_BEFORE.formatted("");

	private static final String INSERT_UNLESS_RECEIVED_WITHOUT_SOURCE = INSERT_REPORTING_RECEIVED_BEFORE.formatted("""
			WHERE NOT EXISTS (SELECT 1 FROM events_inbox earlier
			        WHERE earlier.handler_id = ? AND earlier.event_id = received.event_id AND earlier.source = '')""");

	private static final String ANY_RECEIVED_WITHOUT_SOURCE = """
			SELECT EXISTS (SELECT 1 FROM events_inbox WHERE source = '')
			""";

	private static final String RECEIVED_WITHOUT_SOURCE = """
			SELECT COUNT(*) FROM events_inbox WHERE handler_id = ? AND event_id = ? AND source = ''
			""";

	private static final String FORGET = """
			DELETE FROM events_inbox WHERE handler_id = ?
			AND ((record_time >= ? AND record_time < ?)
			    OR (record_time IS NULL AND received_at >= ? AND received_at < ?))
			""";

	private static final String FORGET_SINCE = """
			DELETE FROM events_inbox WHERE handler_id = ?
			AND (record_time >= ? OR (record_time IS NULL AND received_at >= ?))
			""";

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final String insertOne;

	private final OldestRows oldestRows;

	private final Clock clock;

	private volatile @Nullable Boolean rowsWithoutSourceRemain;

	/**
	 * Create a store.
	 * @param dataSource the data source holding the inbox table, the same the handlers write to
	 * @param dialect the database's dialect
	 * @param clock the clock for receive times
	 */
	public JdbcInboxStore(DataSource dataSource, JdbcDialect dialect, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.insertOne = dialect.insertUnlessDuplicate("events_inbox",
				List.of("handler_id", "source", "event_id", "received_at", "record_time"));
		this.oldestRows = new OldestRows(dataSource, dialect, "events_inbox", "received_at",
				List.of("handler_id", "event_id", "source"));
		this.clock = clock;
	}

	@Override
	public boolean[] markReceived(String handlerId, List<InboxEntry> events) {
		Instant receivedAt = this.clock.instant();
		OffsetDateTime now = OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
		if (this.dialect != JdbcDialect.POSTGRESQL) {
			return insertOneByOne(handlerId, events, now);
		}
		Set<EventKey> receivedBefore = insertReportingReceivedBefore(handlerId, events, now, receivedAt);
		Set<EventKey> seen = new HashSet<>();
		boolean[] fresh = new boolean[events.size()];
		for (int i = 0; i < fresh.length; i++) {
			EventKey key = events.get(i).key();
			fresh[i] = seen.add(key) && !receivedBefore.contains(key);
		}
		return fresh;
	}

	/**
	 * Insert the events' rows in one statement that returns the events it did not insert, those
	 * received before: none, most of the time, so that rows travel back only for redeliveries.
	 */
	private Set<EventKey> insertReportingReceivedBefore(String handlerId, List<InboxEntry> events,
			OffsetDateTime now, Instant receivedAt) {
		String[] sources = new String[events.size()];
		String[] ids = new String[events.size()];
		Long[] recordMillis = new Long[events.size()];
		for (int i = 0; i < sources.length; i++) {
			InboxEntry event = events.get(i);
			sources[i] = event.key().source();
			ids[i] = event.key().id();
			recordMillis[i] = recordTime(event, receivedAt).toEpochMilli();
		}
		boolean withoutSource = rowsWithoutSourceRemain();
		Set<EventKey> receivedBefore = new HashSet<>();
		this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection
				.prepareStatement(withoutSource ? INSERT_UNLESS_RECEIVED_WITHOUT_SOURCE : INSERT);
			statement.setArray(1, connection.createArrayOf("varchar", sources));
			statement.setArray(2, connection.createArrayOf("varchar", ids));
			statement.setArray(3, connection.createArrayOf("bigint", recordMillis));
			statement.setString(4, handlerId);
			statement.setObject(5, now);
			if (withoutSource) {
				statement.setString(6, handlerId);
			}
			return statement;
		}, (row) -> {
			receivedBefore.add(new EventKey(row.getString("source"), row.getString("event_id")));
		});
		return receivedBefore;
	}

	/**
	 * The record time of an entry, or for a record without one the time it is received.
	 */
	private static Instant recordTime(InboxEntry event, Instant receivedAt) {
		return (event.recordTime() != null) ? event.recordTime() : receivedAt;
	}

	private boolean[] insertOneByOne(String handlerId, List<InboxEntry> events, OffsetDateTime now) {
		Set<EventKey> seen = new HashSet<>();
		boolean[] fresh = new boolean[events.size()];
		for (int i = 0; i < fresh.length; i++) {
			InboxEntry event = events.get(i);
			fresh[i] = seen.add(event.key()) && insertOne(handlerId, event, now);
		}
		return fresh;
	}

	/**
	 * Insert an event's row, unless it was received before: with this source (the key tells), or
	 * before the inbox kept sources (a read without locks tells, while such rows remain).
	 */
	private boolean insertOne(String handlerId, InboxEntry event, OffsetDateTime now) {
		EventKey key = event.key();
		if (rowsWithoutSourceRemain() && receivedWithoutSource(handlerId, key)) {
			return false;
		}
		OffsetDateTime recordTime = OffsetDateTime.ofInstant(recordTime(event, now.toInstant()), ZoneOffset.UTC);
		try {
			return this.jdbc.update(this.insertOne, handlerId, key.source(), key.id(), now, recordTime) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean receivedWithoutSource(String handlerId, EventKey key) {
		Long rows = this.jdbc.queryForObject(RECEIVED_WITHOUT_SOURCE, Long.class, handlerId, key.id());
		return rows != null && rows > 0;
	}

	private boolean rowsWithoutSourceRemain() {
		Boolean remain = this.rowsWithoutSourceRemain;
		if (remain == null) {
			remain = Boolean.TRUE.equals(this.jdbc.queryForObject(ANY_RECEIVED_WITHOUT_SOURCE, Boolean.class));
			this.rowsWithoutSourceRemain = remain;
		}
		return remain;
	}

	@Override
	public int forget(String handlerId, Instant from, @Nullable Instant to) {
		OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
		if (to == null) {
			return this.jdbc.update(FORGET_SINCE, handlerId, start, start);
		}
		OffsetDateTime end = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
		return this.jdbc.update(FORGET, handlerId, start, end, start, end);
	}

	@Override
	public int deleteReceivedBefore(Instant cutoff, int limit) {
		int deleted = this.oldestRows.deleteBefore(cutoff, limit);
		if (deleted > 0 && Boolean.TRUE.equals(this.rowsWithoutSourceRemain)) {
			this.rowsWithoutSourceRemain = null;
		}
		return deleted;
	}

}
