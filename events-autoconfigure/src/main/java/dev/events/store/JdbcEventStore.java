package dev.events.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * {@link EventStore} in the events database. An append moves its stream's version in the
 * stream's row ({@link StreamVersions}), inserts the events, whose stream and version are unique,
 * and publishes them through the outbox, all in one transaction: the caller's when it runs in one
 * of the events DataSource, else its own.
 */
public class JdbcEventStore implements EventStore {

	private static final String INSERT_EVENT = """
			INSERT INTO events_store (tenant_key, stream_id, version, event_id, event_type, event_time, tenant_id,
			    actor_id, correlation_id, causation_id, data_content_type, data)
			VALUES (?, ?, ?, ?, ?, %s, ?, ?, ?, ?, ?, ?)""";

	private static final String EVENT_COLUMNS = """
			stream_id, global_position, version, event_id, event_type, event_time, tenant_id, actor_id,
			    correlation_id, causation_id, data""";

	private static final String SELECT_EVENTS = """
			SELECT %s
			FROM events_store
			WHERE tenant_key = ? AND stream_id = ? AND version >= ?
			ORDER BY version
			LIMIT ?""".formatted(EVENT_COLUMNS);

	private static final String SELECT_ALL_EVENTS = """
			SELECT %s
			FROM events_store
			WHERE tenant_key = ? AND global_position >= ?
			ORDER BY global_position
			LIMIT ?""".formatted(EVENT_COLUMNS);

	private static final String SELECT_EVENTS_SINCE = """
			SELECT %s
			FROM events_store
			WHERE tenant_key = ? AND global_position >= ? AND event_time >= %%s
			ORDER BY global_position
			LIMIT ?""".formatted(EVENT_COLUMNS);

	private final JdbcTemplate jdbc;

	private final JdbcDialect dialect;

	private final TransactionTemplate transactions;

	private final OutboundEventFactory factory;

	private final OutboundEventPublisher publisher;

	private final EventDataReader dataReader;

	private final EventSequencer sequencer;

	private final StreamVersions versions;

	private final TenantScope tenancy;

	private UnpublishedEvents unpublished = UnpublishedEvents.NONE;

	private final int pageSize;

	private final String insertEvent;

	private final String selectEventsSince;

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
	 * @param tenantRequired whether streams are kept per tenant ({@code events.tenancy.required}):
	 * a tenant then never reads nor appends to another tenant's stream of the same name
	 */
	public JdbcEventStore(EventsDatabase database, PlatformTransactionManager transactionManager,
			OutboundEventFactory factory, OutboundEventPublisher publisher, EventTypeRegistry registry,
			JsonMapper jsonMapper, int pageSize, boolean tenantRequired) {
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
		this.versions = new StreamVersions(this.jdbc, this.dialect);
		this.tenancy = new TenantScope(tenantRequired);
		this.insertEvent = INSERT_EVENT.formatted(this.dialect.timePlaceholder());
		this.selectEventsSince = SELECT_EVENTS_SINCE.formatted(this.dialect.timePlaceholder());
	}

	/**
	 * Set the upcasters that rewrite the data of events stored before their class changed.
	 * @param upcasters the upcasters, in the order they apply
	 */
	public void setUpcasters(List<EventUpcaster> upcasters) {
		this.dataReader.setUpcasters(upcasters);
	}

	/**
	 * Set the events kept without being published.
	 * @param unpublished the types and stream categories not published
	 */
	public void setUnpublished(UnpublishedEvents unpublished) {
		this.unpublished = unpublished;
	}

	@Override
	public long append(String stream, ExpectedVersion expectedVersion, List<?> events) {
		Assert.hasText(stream, "stream must not be empty");
		Assert.notEmpty(events, () -> "An append to stream '" + stream + "' needs events");
		List<Appended> appended = events.stream()
			.map((event) -> new Appended(event, this.factory.create(event, EventContext.empty()).withKey(stream)))
			.toList();
		String tenantKey = this.tenancy.key();
		Long version = this.transactions.execute((status) -> {
			long previous = this.versions.advance(tenantKey, stream, expectedVersion, appended.size());
			insert(tenantKey, stream, expectedVersion, previous, appended);
			appended.stream()
				.filter((event) -> !this.unpublished.excludes(stream, event.outbound().type()))
				.forEach((event) -> this.publisher.publish(event.event(), event.outbound()));
			return previous + appended.size();
		});
		Assert.state(version != null, "The append's transaction returned no version");
		return version;
	}

	private void insert(String tenantKey, String stream, ExpectedVersion expected, long previous,
			List<Appended> appended) {
		try {
			this.jdbc.batchUpdate(this.insertEvent, new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement statement, int index) throws SQLException {
					bind(statement, tenantKey, stream, previous + index + 1, appended.get(index).outbound());
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

	private void bind(PreparedStatement statement, String tenantKey, String stream, long version,
			OutboundEvent event) throws SQLException {
		statement.setString(1, tenantKey);
		statement.setString(2, stream);
		statement.setLong(3, version);
		statement.setObject(4, event.id());
		statement.setString(5, event.type());
		this.dialect.bindTime(statement, 6, event.time());
		statement.setString(7, event.tenantId());
		statement.setString(8, event.actorId());
		statement.setString(9, event.correlationId());
		statement.setString(10, event.causationId());
		statement.setString(11, event.dataContentType());
		statement.setBytes(12, event.data());
	}

	@Override
	public Stream<StoredEvent> read(String stream, long fromVersion) {
		Assert.isTrue(fromVersion >= 1, () -> "A stream's first version is 1, not " + fromVersion);
		String tenantKey = this.tenancy.key();
		return StreamSupport.stream(new EventPages(fromVersion, StoredEvent::version, this.pageSize,
				(from) -> this.jdbc.query(SELECT_EVENTS, this::event, tenantKey, stream, from, this.pageSize)), false);
	}

	@Override
	public Stream<StoredEvent> readAll(long fromPosition) {
		Assert.isTrue(fromPosition >= 1, () -> "The first global position is 1, not " + fromPosition);
		String tenantKey = this.tenancy.key();
		return sequencedPages(fromPosition,
				(from) -> this.jdbc.query(SELECT_ALL_EVENTS, this::event, tenantKey, from, this.pageSize));
	}

	@Override
	public Stream<StoredEvent> readAll(OffsetDateTime fromTime) {
		String tenantKey = this.tenancy.key();
		return sequencedPages(1, (from) -> this.jdbc.query(this.selectEventsSince, (statement) -> {
			statement.setString(1, tenantKey);
			statement.setLong(2, from);
			this.dialect.bindTime(statement, 3, fromTime);
			statement.setInt(4, this.pageSize);
		}, this::event));
	}

	/**
	 * Give the events committed by now their positions, then read pages of events in position
	 * order.
	 */
	private Stream<StoredEvent> sequencedPages(long fromPosition, LongFunction<List<StoredEvent>> pageFrom) {
		this.sequencer.sequence();
		return StreamSupport.stream(new EventPages(fromPosition, StoredEvent::position, this.pageSize, pageFrom),
				false);
	}

	@Override
	public long version(String stream) {
		return this.versions.version(this.tenancy.key(), stream);
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

	/**
	 * An event to append and the outbound event it is stored and published as.
	 */
	private record Appended(Object event, OutboundEvent outbound) {
	}

}
