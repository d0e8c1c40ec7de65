package dev.events.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.events.jdbc.JdbcDialect;

/**
 * {@link InboxStore} in the {@code events_inbox} table. Rows are inserted in one JDBC batch per
 * call; the primary key (handler id, event id) turns a second delivery into a no-op insert.
 */
public class JdbcInboxStore implements InboxStore {

	private static final String DELETE_BEFORE = "DELETE FROM events_inbox WHERE received_at < ?";

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final String insert;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param dataSource the data source holding the inbox table, the same the handlers write to
	 * @param dialect the database's dialect
	 * @param clock the clock for receive times
	 */
	public JdbcInboxStore(DataSource dataSource, JdbcDialect dialect, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.insert = dialect.insertIfAbsent("events_inbox", List.of("handler_id", "event_id", "received_at"), 2);
		this.clock = clock;
	}

	@Override
	public boolean[] markReceived(String handlerId, List<String> eventIds) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(eventIds.size());
		for (String eventId : eventIds) {
			rows.add(this.dialect.bindsKeyTwice() ? new Object[] { handlerId, eventId, now, handlerId, eventId }
					: new Object[] { handlerId, eventId, now });
		}
		int[] inserted = this.jdbc.batchUpdate(this.insert, rows);
		boolean[] fresh = new boolean[inserted.length];
		for (int i = 0; i < inserted.length; i++) {
			fresh[i] = inserted[i] != 0;
		}
		return fresh;
	}

	@Override
	public int deleteReceivedBefore(Instant cutoff) {
		return this.jdbc.update(DELETE_BEFORE, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
	}

}
