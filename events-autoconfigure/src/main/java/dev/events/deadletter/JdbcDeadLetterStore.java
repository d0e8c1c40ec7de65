package dev.events.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.FailedRecord;
import dev.events.consume.UndeliverableEventException;
import dev.events.jdbc.JdbcDialect;
import dev.events.jdbc.OldestRows;

/**
 * {@link DeadLetterStore} in the {@code events_dead_letter} table, with the keys that hold a
 * sequence in {@code events_dead_letter_key}. A record is stored once per handler: storing it
 * again, as a redelivery after a crash does, changes nothing.
 */
public class JdbcDeadLetterStore implements DeadLetterStore {

	private static final List<String> COLUMNS = List.of("handler_id", "topic", "topic_partition", "record_offset",
			"record_key", "event_id", "source", "event_type", "event_time", "headers", "payload", "reason", "cause",
			"attempts", "first_failed_at", "last_failed_at");

	private static final String SELECT = """
			SELECT id, handler_id, record_key, topic, topic_partition, record_offset, event_id, source, event_type,
			    event_time, headers, payload, reason, cause, attempts, retries, first_failed_at, last_failed_at,
			    discarded_at
			FROM events_dead_letter
			""";

	private static final String LIVE_OF_KEY = SELECT + """
			WHERE handler_id = ? AND record_key = ? AND discarded_at IS NULL
			ORDER BY id
			""";

	/**
	 * The reason of the only dead letters that hold no key, as {@link DeadLetterReasons#holdsKey}
	 * says, for the statement that finds the head of a sequence.
	 */
	private static final String HOLDS_NO_KEY = UndeliverableEventException.Reason.UNKNOWN_TYPE.name();

	/**
	 * The first live dead letter of a key that holds it: the head of its sequence.
	 */
	private static final String HEAD_OF_KEY = SELECT + """
			WHERE handler_id = ? AND record_key = ? AND discarded_at IS NULL AND reason <> ?
			ORDER BY id LIMIT 1
			""";

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final TransactionTemplate transactions;

	private final OldestRows discarded;

	private final String insertDeadLetter;

	private final String insertKey;

	/**
	 * Create a store.
	 * @param dataSource the data source holding the tables, the same the handlers write to
	 * @param dialect the database's dialect
	 */
	public JdbcDeadLetterStore(DataSource dataSource, JdbcDialect dialect) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.discarded = new OldestRows(dataSource, dialect, "events_dead_letter", "discarded_at", List.of("id"));
		this.insertDeadLetter = dialect.insertUnlessDuplicate("events_dead_letter", COLUMNS);
		this.insertKey = dialect.insertUnlessDuplicate("events_dead_letter_key", List.of("handler_id", "record_key"));
	}

	/**
	 * Lock the rows of the keys that hold a sequence, in one locking read: it must be the first
	 * read of the handler's transaction, since on MariaDB the first plain read fixes the snapshot
	 * the transaction reads from, and a handler that waited here for a retry of its key must see
	 * what the retry wrote. On MariaDB the locking read of a key without a row also locks the
	 * index gap around it, so a dead letter of a key in that gap waits for the handler's
	 * transaction.
	 */
	@Override
	public Set<String> heldKeys(String handlerId, Set<String> keys) {
		Set<String> held = new HashSet<>();
		if (this.dialect == JdbcDialect.POSTGRESQL) {
			this.jdbc.query((Connection connection) -> {
				PreparedStatement statement = connection.prepareStatement("""
						SELECT record_key FROM events_dead_letter_key
						WHERE handler_id = ? AND record_key = ANY (?) FOR UPDATE
						""");
				statement.setString(1, handlerId);
				statement.setArray(2, connection.createArrayOf("varchar", keys.toArray()));
				return statement;
			}, (row) -> {
				held.add(row.getString(1));
			});
			return held;
		}
		String placeholders = String.join(", ", Collections.nCopies(keys.size(), "?"));
		List<Object> arguments = new ArrayList<>(keys.size() + 1);
		arguments.add(handlerId);
		arguments.addAll(keys);
		this.jdbc.query("SELECT record_key FROM events_dead_letter_key WHERE handler_id = ? AND record_key IN ("
				+ placeholders + ") FOR UPDATE", (row) -> {
					held.add(row.getString(1));
				}, arguments.toArray());
		return held;
	}

	@Override
	public void add(FailedRecord record) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			insert(record);
		}
		else {
			this.transactions.executeWithoutResult((status) -> insert(record));
		}
	}

	private void insert(FailedRecord record) {
		if (record.holdsKey() && !QUEUED_BEHIND.equals(record.reason())) {
			insertUnlessDuplicate(this.insertKey, record.handlerId(), record.key());
		}
		FailedRecord.EventAttributes event = record.event();
		List<Object> values = new ArrayList<>(COLUMNS.size());
		Collections.addAll(values, record.handlerId(), record.topic(), record.partition(), record.offset(),
				record.key(), event.id(), event.source(), event.type(), time(event.time()),
				HeadersCodec.write(record.headers()), record.payload(), record.reason(), record.cause(),
				record.attempts(), time(record.firstFailedAt()), time(record.lastFailedAt()));
		insertUnlessDuplicate(this.insertDeadLetter, values.toArray());
	}

	/**
	 * Insert a row unless its key is there: a key that holds a sequence already, or a record
	 * stored by an earlier delivery of it.
	 */
	private void insertUnlessDuplicate(String insert, @Nullable Object... values) {
		try {
			this.jdbc.update(insert, values);
		}
		catch (DuplicateKeyException ex) {
			// there already: the row is what this insert would have written
		}
	}

	@Override
	public boolean lockSequence(String handlerId, String key) {
		return !heldKeys(handlerId, Set.of(key)).isEmpty();
	}

	@Override
	public Optional<DeadLetter> head(String handlerId, String key) {
		return this.jdbc.query(HEAD_OF_KEY, this::deadLetter, handlerId, key, HOLDS_NO_KEY).stream().findFirst();
	}

	@Override
	public void release(String handlerId, String key) {
		this.jdbc.update("DELETE FROM events_dead_letter_key WHERE handler_id = ? AND record_key = ?", handlerId, key);
	}

	@Override
	public Optional<DeadLetter> lock(long id) {
		return this.jdbc.query(SELECT + " WHERE id = ? FOR UPDATE", this::deadLetter, id).stream().findFirst();
	}

	@Override
	public Optional<DeadLetter> find(long id) {
		return this.jdbc.query(SELECT + " WHERE id = ?", this::deadLetter, id).stream().findFirst();
	}

	@Override
	public void delete(long id) {
		this.jdbc.update("DELETE FROM events_dead_letter WHERE id = ?", id);
	}

	@Override
	public void failedAgain(long id, String reason, String cause, Instant at) {
		this.jdbc.update("""
				UPDATE events_dead_letter
				SET reason = ?, cause = ?, attempts = attempts + 1, retries = retries + 1, last_failed_at = ?
				WHERE id = ?
				""", reason, cause, time(at), id);
	}

	@Override
	public void discard(List<Long> ids, Instant at) {
		for (Long id : ids) {
			this.jdbc.update("UPDATE events_dead_letter SET discarded_at = ? WHERE id = ? AND discarded_at IS NULL",
					time(at), id);
		}
	}

	@Override
	public List<DeadLetter> sequence(String handlerId, String key) {
		return this.jdbc.query(LIVE_OF_KEY, this::deadLetter, handlerId, key);
	}

	@Override
	public List<String> heldKeys(String handlerId) {
		return this.jdbc.queryForList("SELECT record_key FROM events_dead_letter_key WHERE handler_id = ?",
				String.class, handlerId);
	}

	@Override
	public List<Long> unsequenced(String handlerId) {
		return this.jdbc.queryForList("""
				SELECT id FROM events_dead_letter dead_letter
				WHERE handler_id = ? AND discarded_at IS NULL AND (record_key IS NULL
				    OR NOT EXISTS (SELECT 1 FROM events_dead_letter_key held
				        WHERE held.handler_id = dead_letter.handler_id AND held.record_key = dead_letter.record_key))
				ORDER BY id
				""", Long.class, handlerId);
	}

	@Override
	public List<DeadLetter> list(DeadLetterQuery query) {
		StringBuilder sql = new StringBuilder(SELECT).append(" WHERE discarded_at IS NULL");
		List<Object> arguments = new ArrayList<>();
		filter(sql, arguments, "handler_id", query.handlerId());
		filter(sql, arguments, "record_key", query.key());
		filter(sql, arguments, "reason", query.reason());
		sql.append(" ORDER BY id LIMIT ? OFFSET ?");
		arguments.add(query.size());
		arguments.add((long) query.page() * query.size());
		return this.jdbc.query(sql.toString(), this::deadLetter, arguments.toArray());
	}

	private static void filter(StringBuilder sql, List<Object> arguments, String column, @Nullable String value) {
		if (value != null) {
			sql.append(" AND ").append(column).append(" = ?");
			arguments.add(value);
		}
	}

	@Override
	public Map<String, Map<String, Long>> countByHandlerAndReason() {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT handler_id, reason, COUNT(*) FROM events_dead_letter WHERE discarded_at IS NULL
				GROUP BY handler_id, reason ORDER BY handler_id, reason
				""", (row) -> {
					counts.computeIfAbsent(row.getString(1), (handler) -> new LinkedHashMap<>())
						.put(row.getString(2), row.getLong(3));
				});
		return counts;
	}

	@Override
	public int deleteDiscardedBefore(Instant cutoff, int limit) {
		return this.discarded.deleteBefore(cutoff, limit);
	}

	private DeadLetter deadLetter(ResultSet row, int rowNum) throws SQLException {
		return new DeadLetter(row.getLong("id"), row.getString("handler_id"), row.getString("record_key"),
				row.getString("topic"), row.getInt("topic_partition"), row.getLong("record_offset"),
				row.getString("event_id"), row.getString("source"), row.getString("event_type"),
				instant(row, "event_time"), HeadersCodec.read(row.getBytes("headers")), row.getBytes("payload"),
				row.getString("reason"), row.getString("cause"), row.getInt("attempts"), row.getInt("retries"),
				instant(row, "first_failed_at"), instant(row, "last_failed_at"), instant(row, "discarded_at"));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
