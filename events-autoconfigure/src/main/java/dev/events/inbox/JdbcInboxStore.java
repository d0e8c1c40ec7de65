package dev.events.inbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * {@link InboxStore} in the {@code events_inbox} table, keyed by handler, event id and source.
 * On PostgreSQL all events of a call go in one statement that returns the rows it inserted;
 * elsewhere each event is inserted on its own and its update count read. Rows written before the
 * source was part of the key have an empty source and still mark their event id as handled.
 * <p>
 * PostgreSQL keeps the plan of a statement the driver prepared for the table as it was when it
 * planned it, often nearly empty; a plan that looks rows up by anything but the key then reads
 * the whole inbox on every call once it has grown. So the PostgreSQL statement reads no row of the
 * inbox at all while none of those older rows remain (the key's unique index alone decides), and
 * whether some remain is asked once, and again after each cleanup until they are gone.
 */
public class JdbcInboxStore implements InboxStore {

	private static final String INSERT_RETURNING = """
			INSERT INTO events_inbox (handler_id, source, event_id, received_at)
			SELECT ?, received.source, received.event_id, ?
			FROM unnest(?::varchar[], ?::varchar[]) AS received (source, event_id)
			ON CONFLICT DO NOTHING
			RETURNING source, event_id
			""";

	private static final String INSERT_RETURNING_UNLESS_RECEIVED_WITHOUT_SOURCE = """
			INSERT INTO events_inbox (handler_id, source, event_id, received_at)
			SELECT ?, received.source, received.event_id, ?
			FROM unnest(?::varchar[], ?::varchar[]) AS received (source, event_id)
			WHERE NOT EXISTS (SELECT 1 FROM events_inbox earlier
			    WHERE earlier.handler_id = ? AND earlier.event_id = received.event_id AND earlier.source = '')
			ON CONFLICT DO NOTHING
			RETURNING source, event_id
			""";

	private static final String ANY_RECEIVED_WITHOUT_SOURCE = """
			SELECT EXISTS (SELECT 1 FROM events_inbox WHERE source = '')
			""";

	private static final String INSERT_ONE = """
			INSERT INTO events_inbox (handler_id, source, event_id, received_at)
			SELECT ?, ?, ?, ? FROM (VALUES (0)) AS one_row
			WHERE NOT EXISTS (SELECT 1 FROM events_inbox earlier
			    WHERE earlier.handler_id = ? AND earlier.event_id = ? AND earlier.source IN (?, ''))
			""";

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

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
		this.oldestRows = new OldestRows(dataSource, dialect, "events_inbox", "received_at",
				List.of("handler_id", "event_id", "source"));
		this.clock = clock;
	}

	@Override
	public boolean[] markReceived(String handlerId, List<EventKey> events) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Set<EventKey> inserted = (this.dialect == JdbcDialect.POSTGRESQL) ? insertReturning(handlerId, events, now)
				: insertOneByOne(handlerId, events, now);
		boolean[] fresh = new boolean[events.size()];
		for (int i = 0; i < fresh.length; i++) {
			fresh[i] = inserted.remove(events.get(i));
		}
		return fresh;
	}

	private Set<EventKey> insertReturning(String handlerId, List<EventKey> events, OffsetDateTime now) {
		String[] sources = events.stream().map(EventKey::source).toArray(String[]::new);
		String[] ids = events.stream().map(EventKey::id).toArray(String[]::new);
		boolean withoutSource = rowsWithoutSourceRemain();
		Set<EventKey> inserted = new HashSet<>();
		this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					withoutSource ? INSERT_RETURNING_UNLESS_RECEIVED_WITHOUT_SOURCE : INSERT_RETURNING);
			statement.setString(1, handlerId);
			statement.setObject(2, now);
			statement.setArray(3, array(connection, sources));
			statement.setArray(4, array(connection, ids));
			if (withoutSource) {
				statement.setString(5, handlerId);
			}
			return statement;
		}, (row) -> {
			inserted.add(new EventKey(row.getString("source"), row.getString("event_id")));
		});
		return inserted;
	}

	private static Array array(Connection connection, String[] values) throws SQLException {
		return connection.createArrayOf("varchar", values);
	}

	private Set<EventKey> insertOneByOne(String handlerId, List<EventKey> events, OffsetDateTime now) {
		Set<EventKey> inserted = new HashSet<>();
		for (EventKey event : events) {
			if (!inserted.contains(event) && insertOne(handlerId, event, now)) {
				inserted.add(event);
			}
		}
		return inserted;
	}

	private boolean insertOne(String handlerId, EventKey event, OffsetDateTime now) {
		try {
			return this.jdbc.update(INSERT_ONE, handlerId, event.source(), event.id(), now, handlerId, event.id(),
					event.source()) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
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
	public int deleteReceivedBefore(Instant cutoff, int limit) {
		int deleted = this.oldestRows.deleteBefore(cutoff, limit);
		if (deleted > 0 && Boolean.TRUE.equals(this.rowsWithoutSourceRemain)) {
			this.rowsWithoutSourceRemain = null;
		}
		return deleted;
	}

}
