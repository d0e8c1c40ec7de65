package dev.events.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.events.context.EventContext;
import dev.events.jdbc.EventsDatabase;
import dev.events.jdbc.JdbcDialect;
import dev.events.publish.OutboundEvent;
import dev.events.publish.OutboundEventFactory;
import dev.events.publish.OutboundEventPublisher;
import dev.events.type.EventTypeRegistry;

/**
 * {@link EventStore} in the events database. An append locks its stream's row, moves the
 * stream's version there (only from the expected version, unless any will do), inserts the
 * events, whose stream and version are unique, and publishes them through the outbox, all in
 * one transaction: the caller's when it runs in one of the events DataSource, else its own.
 */
public class JdbcEventStore implements EventStore {

	private static final String STREAM_VERSION = "SELECT version FROM events_store_stream WHERE stream_id = ?";

	/**
	 * The stream's version as committed, read with a lock: after a conflict, what a plain read
	 * at a stricter isolation level would not show yet.
	 */
	private static final String LOCKED_STREAM_VERSION = STREAM_VERSION + " FOR UPDATE";

	private static final List<String> STREAM_COLUMNS = List.of("stream_id", "tenant_id", "version");

	private static final String INSERT_STREAM = "INSERT INTO events_store_stream (%s) VALUES (?, ?, ?)"
		.formatted(String.join(", ", STREAM_COLUMNS));

	private static final String ADD_TO_VERSION = """
			UPDATE events_store_stream SET version = version + ? WHERE stream_id = ?""";

	private static final String MOVE_VERSION = """
			UPDATE events_store_stream SET version = ? WHERE stream_id = ? AND version = ?""";

	private static final String INSERT_EVENT = """
			INSERT INTO events_store (stream_id, version, event_id, event_type, event_time, tenant_id, actor_id,
			    correlation_id, causation_id, data_content_type, data)
			VALUES (?, ?, ?, ?, %s, ?, ?, ?, ?, ?, ?)""";

	private static final String EVENT_COLUMNS = """
			stream_id, global_position, version, event_id, event_type, event_time, tenant_id, actor_id,
			    correlation_id, causation_id, data""";

	private static final String SELECT_EVENTS = """
			SELECT %s
			FROM events_store
			WHERE stream_id = ? AND version >= ?
			ORDER BY version
			LIMIT ?""".formatted(EVENT_COLUMNS);

	private static final String SELECT_ALL_EVENTS = """
			SELECT %s
			FROM events_store
			WHERE global_position >= ?
			ORDER BY global_position
			LIMIT ?""".formatted(EVENT_COLUMNS);

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final TransactionTemplate transactions;

	private final OutboundEventFactory factory;

	private final OutboundEventPublisher publisher;

	private final EventDataReader dataReader;

	private final EventSequencer sequencer;

	private final int pageSize;

	private final String insertStream;

	private final String insertEvent;

	/**
	 * Create a store.
	 * @param database the events database, whose migrations made the store's tables
	 * @param transactionManager the manager of the events DataSource's transactions: an append
	 * joins the caller's transaction or runs in one of its own, global positions are given in
	 * transactions of their own
	 * @param factory makes the events to store and publish
	 * @param publisher publishes them, through the outbox
	 * @param registry binds stored events to their classes by CloudEvent type
	 * @param jsonMapper reads their data
	 * @param pageSize the most events a read fetches at once
	 */
	public JdbcEventStore(EventsDatabase database, PlatformTransactionManager transactionManager,
			OutboundEventFactory factory,
			OutboundEventPublisher publisher, EventTypeRegistry registry, JsonMapper jsonMapper,
			int pageSize) {
		Assert.isTrue(pageSize > 0, "pageSize must be positive");
		this.jdbc = new JdbcTemplate(database.dataSource());
		this.dialect = database.dialect();
		this.transactions = new TransactionTemplate(transactionManager);
		TransactionTemplate ownTransactions = new TransactionTemplate(transactionManager);
		ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.sequencer = new EventSequencer(this.jdbc, ownTransactions, pageSize);
		this.factory = factory;
		this.publisher = publisher;
		this.dataReader = new EventDataReader(registry, jsonMapper);
		this.pageSize = pageSize;
		this.insertStream = (this.dialect == JdbcDialect.POSTGRESQL)
				? this.dialect.insertIfAbsent("events_store_stream", STREAM_COLUMNS, 1) : INSERT_STREAM;
		this.insertEvent = INSERT_EVENT.formatted(this.dialect.timePlaceholder());
	}

	@Override
	public long append(String stream, ExpectedVersion expectedVersion, List<?> events) {
		Assert.hasText(stream, "stream must not be empty");
		Assert.notEmpty(events, () -> "An append to stream '" + stream + "' needs events");
		List<Appended> appended = events.stream()
			.map((event) -> new Appended(event, this.factory.create(event, EventContext.empty()).withKey(stream)))
			.toList();
		Long version = this.transactions.execute((status) -> {
			long previous = advance(stream, expectedVersion, appended.size(), appended.get(0).outbound().tenantId());
			insert(stream, expectedVersion, previous, appended);
			appended.forEach((event) -> this.publisher.publish(event.event(), event.outbound()));
			return previous + appended.size();
		});
		Assert.state(version != null, "The append's transaction returned no version");
		return version;
	}

	/**
	 * Move the stream's version past the events appended, from the version expected.
	 * @return the version before the append
	 */
	private long advance(String stream, ExpectedVersion expected, int count, @Nullable String tenantId) {
		try {
			if (expected.isAny()) {
				return advanceFromAny(stream, count, tenantId);
			}
			if (expected.version() == 0) {
				return createStream(stream, count, tenantId);
			}
			if (this.jdbc.update(MOVE_VERSION, expected.version() + count, stream, expected.version()) == 0) {
				throw new ConcurrencyConflictException(stream, expected, lockedVersion(stream), null);
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

	private long createStream(String stream, int count, @Nullable String tenantId) {
		if (!insertStream(stream, count, tenantId)) {
			throw new ConcurrencyConflictException(stream, ExpectedVersion.noStream(), lockedVersion(stream), null);
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
	private long advanceFromAny(String stream, int count, @Nullable String tenantId) {
		if (!streamExists(stream) && insertStream(stream, count, tenantId)) {
			return 0;
		}
		this.jdbc.update(ADD_TO_VERSION, count, stream);
		return version(stream) - count;
	}

	private boolean streamExists(String stream) {
		return !this.jdbc.queryForList(STREAM_VERSION, Long.class, stream).isEmpty();
	}

	/**
	 * Insert the stream's row, unless it exists. On PostgreSQL the insert skips an existing row,
	 * since a failed statement ends the transaction there; elsewhere it is a plain insert whose
	 * duplicate key fails the statement alone: MariaDB's insert-if-absent reads the index with
	 * locks on its gaps, which held back appends creating neighbouring streams until it committed.
	 * @return whether this inserted it
	 */
	private boolean insertStream(String stream, int version, @Nullable String tenantId) {
		try {
			return this.jdbc.update(this.insertStream, stream, nullable(tenantId), version) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private void insert(String stream, ExpectedVersion expected, long previous, List<Appended> appended) {
		try {
			this.jdbc.batchUpdate(this.insertEvent, new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement statement, int index) throws SQLException {
					bind(statement, stream, previous + index + 1, appended.get(index).outbound());
				}

				@Override
				public int getBatchSize() {
					return appended.size();
				}

			});
		}
		catch (DuplicateKeyException ex) {
			throw new ConcurrencyConflictException(stream, expected, null, ex);
		}
	}

	private void bind(PreparedStatement statement, String stream, long version, OutboundEvent event)
			throws SQLException {
		statement.setString(1, stream);
		statement.setLong(2, version);
		statement.setObject(3, event.id());
		statement.setString(4, event.type());
		this.dialect.bindTime(statement, 5, event.time());
		statement.setString(6, event.tenantId());
		statement.setString(7, event.actorId());
		statement.setString(8, event.correlationId());
		statement.setString(9, event.causationId());
		statement.setString(10, event.dataContentType());
		statement.setBytes(11, event.data());
	}

	private long lockedVersion(String stream) {
		List<Long> versions = this.jdbc.queryForList(LOCKED_STREAM_VERSION, Long.class, stream);
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	@Override
	public Stream<StoredEvent> read(String stream, long fromVersion) {
		Assert.isTrue(fromVersion >= 1, () -> "A stream's first version is 1, not " + fromVersion);
		return StreamSupport.stream(new EventPages(fromVersion, StoredEvent::version, this.pageSize,
				(from) -> this.jdbc.query(SELECT_EVENTS, this::event, stream, from, this.pageSize)), false);
	}

	@Override
	public Stream<StoredEvent> readAll(long fromPosition) {
		Assert.isTrue(fromPosition >= 1, () -> "The first global position is 1, not " + fromPosition);
		this.sequencer.sequence();
		return StreamSupport.stream(new EventPages(fromPosition, StoredEvent::position, this.pageSize,
				(from) -> this.jdbc.query(SELECT_ALL_EVENTS, this::event, from, this.pageSize)), false);
	}

	@Override
	public long version(String stream) {
		List<Long> versions = this.jdbc.queryForList(STREAM_VERSION, Long.class, stream);
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	private StoredEvent event(ResultSet row, int index) throws SQLException {
		String stream = row.getString("stream_id");
		long version = row.getLong("version");
		String type = row.getString("event_type");
		return new StoredEvent(stream, version, row.getLong("global_position"), row.getObject("event_id", UUID.class),
				type, row.getObject("event_time", OffsetDateTime.class), row.getString("tenant_id"),
				row.getString("actor_id"), row.getString("correlation_id"), row.getString("causation_id"),
				this.dataReader.read(stream, version, type, row.getBytes("data")));
	}

	private static Object nullable(@Nullable String value) {
		return (value != null) ? value : new SqlParameterValue(Types.VARCHAR, null);
	}

	/**
	 * An event to append and the outbound event it is stored and published as.
	 */
	private record Appended(Object event, OutboundEvent outbound) {
	}

}
