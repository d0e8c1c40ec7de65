package dev.events.outbox;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import dev.events.jdbc.JdbcDialect;
import dev.events.jdbc.OldestRows;
import dev.events.publish.OutboundEvent;

/**
 * {@link OutboxStore} on a relational database through Spring's JDBC templates. Joins the Spring
 * transaction bound to the same {@link DataSource}, and refuses to write inside a transaction
 * of another resource ({@link OutboxTransactionException}). Events are sharded by the hash of their key,
 * stored with them, under the shard count the relays agree on in the database; claiming and
 * completing events checks the relay's lease in the same statement.
 */
public class JdbcOutboxStore implements OutboxStore {

	/**
	 * The insert of every published event, with positional parameters bound by type rather than
	 * named ones whose types are detected on every call.
	 */
	private static final String INSERT = """
			INSERT INTO events_outbox (event_id, shard, key_hash, topic, partition_key, event_type, source, event_time,
			    tenant_id, actor_id, correlation_id, causation_id, traceparent, data_content_type, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, %s, ?, ?, ?, ?, ?, ?, ?)
			""";

	/**
	 * The shard of an event under the database's shard count: the hash of its key modulo the
	 * count, never negative. Events written before key hashes were stored carry their shard.
	 */
	private static final String SHARD_OF = """
			MOD(MOD(COALESCE(key_hash, shard), :shardCount) + :shardCount, :shardCount)""";

	/**
	 * The shards whose lease the relay instance holds; the database's clock goes in the
	 * placeholder.
	 */
	private static final String HELD_SHARDS = """
			SELECT l.shard FROM events_outbox_lease l WHERE l.owner = :owner AND l.expires_at > %1$s""";

	/**
	 * Whether the relay instance still leases the event's shard, under the same shard count.
	 */
	private static final String LEASED = """
			%1$s IN (%2$s)
			    AND :shardCount = (SELECT c.shard_count FROM events_outbox_shards c WHERE c.id = 1)"""
		.formatted(SHARD_OF, HELD_SHARDS);

	private static final String PENDING_COLUMNS = """
			o.seq, %s AS shard, o.attempts, o.event_id, o.topic, o.partition_key, o.event_type, o.source,
			    o.event_time, o.tenant_id, o.actor_id, o.correlation_id, o.causation_id, o.traceparent,
			    o.data_content_type, o.data""".formatted(SHARD_OF);

	/**
	 * Whether the relay may claim the event: pending, of a shard it leases, and not behind a parked
	 * event of its key.
	 */
	private static final String CLAIMABLE = """
			o.sent_at IS NULL AND o.parked_at IS NULL
			    AND %1$s IN (:shards)
			    AND %2$s
			    AND NOT EXISTS (SELECT 1 FROM events_outbox p
			        WHERE p.parked_at IS NOT NULL AND p.topic = o.topic AND p.partition_key = o.partition_key
			            AND p.seq < o.seq)""".formatted(SHARD_OF, LEASED);

	private static final String SELECT_PENDING = """
			SELECT %s
			FROM events_outbox o
			WHERE %s AND o.seq > :after
			ORDER BY o.seq
			LIMIT :limit
			""".formatted(PENDING_COLUMNS, CLAIMABLE);

	private static final String CLAIM_GENERATION = """
			(SELECT g.claim_generation FROM events_outbox_shards g WHERE g.id = 1)""";

	/**
	 * The claim within a {@link ClaimBound} on PostgreSQL: the events above the floor, read in
	 * sequence order from the floor on, and those at or below it of transactions at or above the
	 * horizon, read by transaction (a few, committed late); both from the lowest sequence when the
	 * claim generation changed. The oldest transaction in progress, the generation and how many of
	 * the shards the relay still leases come back with every row, read in the same snapshot as the
	 * events.
	 */
	private static final String SELECT_PENDING_BOUNDED = """
			SELECT claimed.*, pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon,
			    %3$s AS generation,
			    (SELECT COUNT(*) FROM (%4$s) held WHERE held.shard IN (:shards)) AS leased_shards
			FROM (
			    (SELECT %1$s
			    FROM events_outbox o
			    WHERE %2$s AND o.seq > :after
			        AND o.seq > CASE WHEN %3$s = :generation THEN :floor ELSE :after END
			    ORDER BY o.seq
			    LIMIT :limit)
			    UNION ALL
			    SELECT %1$s
			    FROM events_outbox o
			    WHERE %2$s AND o.xact_id >= :horizon AND o.seq + 0 > :after AND o.seq + 0 <= :floor
			        AND %3$s = :generation
			) claimed
			ORDER BY claimed.seq
			LIMIT :limit
			""".formatted(PENDING_COLUMNS, CLAIMABLE, CLAIM_GENERATION, HELD_SHARDS);

	private static final String DELETE_SENT = """
			DELETE FROM events_outbox WHERE seq IN (:sequences) AND %s
			""".formatted(LEASED);

	private static final String MARK_SENT = """
			UPDATE events_outbox SET sent_at = :now WHERE seq IN (:sequences) AND %s
			""".formatted(LEASED);

	/**
	 * Counts a failed send. The parked time is set first: MariaDB assigns in order, each
	 * assignment seeing the previous ones, where PostgreSQL sees the old row throughout.
	 */
	private static final String RECORD_FAILURE = """
			UPDATE events_outbox
			SET parked_at = CASE WHEN attempts + 1 >= :maxAttempts THEN :now END,
			    last_error = :error, attempts = attempts + 1
			WHERE seq = :seq AND %s
			""".formatted(LEASED);

	private static final String SELECT_PARKED = """
			SELECT event_id, event_type, topic, partition_key, attempts, last_error, parked_at
			FROM events_outbox
			WHERE parked_at IS NOT NULL
			ORDER BY seq
			LIMIT :limit
			""";

	private static final String COUNT_PARKED = "SELECT COUNT(*) FROM events_outbox WHERE parked_at IS NOT NULL";

	private static final String COUNT_PENDING = """
			SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL AND parked_at IS NULL
			""";

	/**
	 * When the oldest pending event was published, or republished: a republished event is not a
	 * sign that the relay lags.
	 */
	private static final String OLDEST_PENDING = """
			SELECT COALESCE(republished_at, event_time) FROM events_outbox WHERE sent_at IS NULL AND parked_at IS NULL
			ORDER BY seq LIMIT 1
			""";

	private static final String RETRY_PARKED = """
			UPDATE events_outbox SET parked_at = NULL, attempts = 0
			WHERE parked_at IS NOT NULL AND event_id = :eventId
			""";

	private static final String RETRY_ALL_PARKED = """
			UPDATE events_outbox SET parked_at = NULL, attempts = 0 WHERE parked_at IS NOT NULL
			""";

	private static final String DISCARD_PARKED = """
			DELETE FROM events_outbox WHERE parked_at IS NOT NULL AND event_id = :eventId
			""";

	/**
	 * Makes sent events pending again, so that the relay sends them once more with their ids.
	 */
	private static final String REPUBLISH = """
			UPDATE events_outbox SET sent_at = NULL, attempts = 0, last_error = NULL, republished_at = :now
			WHERE sent_at IS NOT NULL AND event_time >= :from AND event_time < :to
			    AND (:type IS NULL OR event_type = :type)
			""";

	private static final int MAX_ERROR_LENGTH = 2000;

	private final DataSource dataSource;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final String selectPending;

	private final JdbcDialect dialect;

	private final String insert;

	private final String deleteSent;

	private final OldestRows sentRows;

	private final String markSent;

	private final String recordFailure;

	private final int shards;

	private final boolean keepSent;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param dataSource the data source holding the outbox tables
	 * @param dialect the database's dialect
	 * @param shards the number of shards this instance is configured with, written with each event
	 * for instances of earlier versions
	 * @param keepSent whether sent events are kept (and deleted later by retention) rather
	 * than deleted at once
	 * @param clock the clock for sent and parked times
	 */
	public JdbcOutboxStore(DataSource dataSource, JdbcDialect dialect, int shards, boolean keepSent, Clock clock) {
		Assert.isTrue(shards > 0, "shards must be positive");
		this.dataSource = dataSource;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
		this.selectPending = ((dialect == JdbcDialect.POSTGRESQL) ? SELECT_PENDING_BOUNDED : SELECT_PENDING)
			.formatted(dialect.databaseTime());
		this.dialect = dialect;
		this.insert = INSERT.formatted(dialect.timePlaceholder());
		this.deleteSent = DELETE_SENT.formatted(dialect.databaseTime());
		this.sentRows = new OldestRows(dataSource, dialect, "events_outbox", "sent_at", List.of("seq"));
		this.markSent = MARK_SENT.formatted(dialect.databaseTime());
		this.recordFailure = RECORD_FAILURE.formatted(dialect.databaseTime());
		this.shards = shards;
		this.keepSent = keepSent;
		this.clock = clock;
	}

	@Override
	public void append(OutboundEvent event) {
		requireTransactionalConnection(event);
		int keyHash = KeyHash.of(event.key(), event.id());
		this.jdbcTemplate.update(this.insert, (statement) -> {
			statement.setObject(1, event.id());
			statement.setInt(2, Math.floorMod(keyHash, this.shards));
			statement.setInt(3, keyHash);
			statement.setString(4, event.topic());
			statement.setString(5, event.key());
			statement.setString(6, event.type());
			statement.setString(7, event.source().toString());
			this.dialect.bindTime(statement, 8, event.time());
			statement.setString(9, event.tenantId());
			statement.setString(10, event.actorId());
			statement.setString(11, event.correlationId());
			statement.setString(12, event.causationId());
			statement.setString(13, event.traceparent());
			statement.setString(14, event.dataContentType());
			statement.setBytes(15, event.data());
		});
	}

	/**
	 * Refuse to write inside a transaction that does not include this DataSource: the insert
	 * would commit on its own, whatever became of that transaction.
	 */
	private void requireTransactionalConnection(OutboundEvent event) {
		if (!isTransactionActive()) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (connection.getAutoCommit()) {
				throw new OutboxTransactionException(event.type());
			}
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Could not tell whether the outbox joins the transaction", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Whether any transaction is active on this thread, including those of managers that do not
	 * synchronize, such as the {@code KafkaTransactionManager}: they still bind their resources.
	 */
	private static boolean isTransactionActive() {
		return TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.getResourceMap()
					.values()
					.stream()
					.anyMatch((resource) -> resource instanceof ResourceHolderSupport holder
							&& holder.isSynchronizedWithTransaction());
	}

	@Override
	public List<OutboxEntry> findPending(LeasedShards leased, long after, int limit) {
		return findPending(leased, after, ClaimBound.NONE, limit).entries();
	}

	@Override
	public PendingEvents findPending(LeasedShards leased, long after, ClaimBound bound, int limit) {
		if (leased.shards().isEmpty()) {
			return PendingEvents.of(List.of());
		}
		StatementSpec claim = this.jdbc.sql(this.selectPending)
			.param("after", after)
			.param("shards", leased.shards())
			.param("owner", leased.owner())
			.param("shardCount", leased.shardCount())
			.param("limit", limit);
		if (!boundsClaims()) {
			return PendingEvents.of(claim.query(JdbcOutboxStore::entry).list());
		}
		return claim.param("floor", bound.floor())
			.param("horizon", bound.horizon())
			.param("generation", bound.generation())
			.query((ResultSetExtractor<PendingEvents>) (rows) -> pendingEvents(rows, leased.shards().size()));
	}

	private static PendingEvents pendingEvents(ResultSet rows, int shards) throws SQLException {
		List<OutboxEntry> entries = new ArrayList<>();
		long horizon = 0;
		long generation = 0;
		boolean allShardsLeased = false;
		while (rows.next()) {
			if (entries.isEmpty()) {
				horizon = rows.getLong("horizon");
				generation = rows.getLong("generation");
				allShardsLeased = rows.getInt("leased_shards") == shards;
			}
			entries.add(entry(rows, entries.size()));
		}
		return new PendingEvents(entries, horizon, generation, allShardsLeased);
	}

	@Override
	public boolean boundsClaims() {
		return this.dialect == JdbcDialect.POSTGRESQL;
	}

	private static OutboxEntry entry(ResultSet row, int rowNum) throws SQLException {
		OutboundEvent event = new OutboundEvent(row.getObject("event_id", UUID.class), row.getString("event_type"),
				URI.create(row.getString("source")), row.getObject("event_time", OffsetDateTime.class),
				row.getString("topic"), row.getString("partition_key"), row.getString("tenant_id"),
				row.getString("actor_id"), row.getString("correlation_id"), row.getString("causation_id"),
				row.getString("traceparent"), row.getString("data_content_type"), row.getBytes("data"));
		return new OutboxEntry(row.getLong("seq"), row.getInt("shard"), row.getInt("attempts"), event);
	}

	@Override
	public int markSent(LeasedShards leased, Collection<OutboxEntry> entries) {
		if (entries.isEmpty()) {
			return 0;
		}
		List<Long> sequences = entries.stream().map(OutboxEntry::sequence).toList();
		StatementSpec statement = this.keepSent ? this.jdbc.sql(this.markSent).param("now", now())
				: this.jdbc.sql(this.deleteSent);
		return statement.param("sequences", sequences)
			.param("owner", leased.owner())
			.param("shardCount", leased.shardCount())
			.update();
	}

	@Override
	public boolean recordFailure(LeasedShards leased, OutboxEntry entry, String error, int maxAttempts) {
		String truncated = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
		int recorded = this.jdbc.sql(this.recordFailure)
			.param("error", truncated)
			.param("maxAttempts", maxAttempts)
			.param("now", now())
			.param("seq", entry.sequence())
			.param("owner", leased.owner())
			.param("shardCount", leased.shardCount())
			.update();
		return recorded == 1 && entry.attempts() + 1 >= maxAttempts;
	}

	@Override
	public int deleteSentBefore(Instant cutoff, int limit) {
		return this.sentRows.deleteBefore(cutoff, limit);
	}

	@Override
	public List<ParkedEvent> findParked(int limit) {
		return this.jdbc.sql(SELECT_PARKED)
			.param("limit", limit)
			.query((row, rowNum) -> new ParkedEvent(row.getObject("event_id", UUID.class), row.getString("event_type"),
					row.getString("topic"), row.getString("partition_key"), row.getInt("attempts"),
					row.getString("last_error"), row.getObject("parked_at", OffsetDateTime.class)))
			.list();
	}

	@Override
	public OutboxBacklog backlog() {
		long pending = countPending();
		OffsetDateTime oldest = (pending > 0)
				? this.jdbc.sql(OLDEST_PENDING).query(OffsetDateTime.class).optional().orElse(null) : null;
		return new OutboxBacklog(pending, oldest, countParked());
	}

	@Override
	public long countPending() {
		return this.jdbc.sql(COUNT_PENDING).query(Long.class).single();
	}

	@Override
	public long countParked() {
		return this.jdbc.sql(COUNT_PARKED).query(Long.class).single();
	}

	@Override
	public boolean retryParked(UUID eventId) {
		return this.jdbc.sql(RETRY_PARKED).param("eventId", eventId).update() > 0;
	}

	@Override
	public int retryAllParked() {
		return this.jdbc.sql(RETRY_ALL_PARKED).update();
	}

	@Override
	public boolean discardParked(UUID eventId) {
		return this.jdbc.sql(DISCARD_PARKED).param("eventId", eventId).update() > 0;
	}

	@Override
	public int republish(Instant from, Instant to, @Nullable String type) {
		return this.jdbc.sql(REPUBLISH)
			.param("now", now())
			.param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
			.param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
			.param("type", type, Types.VARCHAR)
			.update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
