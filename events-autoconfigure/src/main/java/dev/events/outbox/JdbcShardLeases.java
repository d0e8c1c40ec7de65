package dev.events.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.jdbc.JdbcDialect;

/**
 * {@link ShardLeases} kept in the database, with every time taken from the database's clock.
 * Every instance heartbeats in {@code events_outbox_instance}; a lease in
 * {@code events_outbox_lease} names the owner of a shard until it expires. Each instance takes
 * at most its fair share, the number of shards divided by the live instances, rounded up, so
 * shards spread as instances come and go.
 * <p>
 * Shards are taken with a conditional update, so two instances never own the same unexpired
 * lease. An instance that stops gives its shards up; one that dies loses them once its leases
 * expire.
 * <p>
 * The number of shards is the database's ({@code events_outbox_shards}), not each instance's:
 * an instance configured with another number asks for a change when it starts, unless another
 * change is pending. While a change is pending, every instance gives up its shards as soon as
 * their sends are done and takes no new ones; once no instance holds a shard, the change is
 * applied in one transaction (which also gives events written before key hashes were stored
 * theirs) and the shards are shared out again. So no key is ever relayed from two shards at once,
 * and no event is left in a shard nobody leases.
 */
public class JdbcShardLeases implements ShardLeases, InitializingBean {

	private static final Log logger = LogFactory.getLog(JdbcShardLeases.class);

	private static final String SELECT_SHARD_COUNT = """
			SELECT shard_count, requested_count FROM events_outbox_shards WHERE id = 1
			""";

	private static final String LOCK_SHARD_COUNT = SELECT_SHARD_COUNT.strip() + " FOR UPDATE";

	private static final String REQUEST_SHARD_COUNT = """
			UPDATE events_outbox_shards SET requested_count = :count
			WHERE id = 1 AND shard_count <> :count AND requested_count IS NULL
			""";

	private static final String APPLY_SHARD_COUNT = """
			UPDATE events_outbox_shards SET shard_count = :count, requested_count = NULL WHERE id = 1
			""";

	private static final String COUNT_LEASES = "SELECT COUNT(*) FROM events_outbox_lease";

	private static final String DELETE_LEASES = "DELETE FROM events_outbox_lease";

	private static final String SELECT_WITHOUT_KEY_HASH = """
			SELECT seq, partition_key, event_id FROM events_outbox WHERE key_hash IS NULL AND sent_at IS NULL
			""";

	private static final String SET_KEY_HASH = "UPDATE events_outbox SET key_hash = :keyHash WHERE seq = :seq";

	private static final String UPDATE_HEARTBEAT = """
			UPDATE events_outbox_instance SET heartbeat_at = %s WHERE instance_id = :instance
			""";

	private static final String INSERT_HEARTBEAT = """
			INSERT INTO events_outbox_instance (instance_id, heartbeat_at) VALUES (:instance, %s)
			""";

	private static final String DELETE_INSTANCE = "DELETE FROM events_outbox_instance WHERE instance_id = :instance";

	private static final String SELECT_OWNED = """
			SELECT shard FROM events_outbox_lease WHERE owner = :instance ORDER BY shard
			""";

	private static final String SELECT_FREE = """
			SELECT shard FROM events_outbox_lease WHERE owner IS NULL OR expires_at <= %s ORDER BY shard
			""";

	private static final String RELEASE = """
			UPDATE events_outbox_lease SET owner = NULL, expires_at = NULL
			WHERE owner = :instance AND shard IN (:shards)
			""";

	private static final String RELEASE_ALL = """
			UPDATE events_outbox_lease SET owner = NULL, expires_at = NULL WHERE owner = :instance
			""";

	private static final String COUNT_HELD_LEASES = """
			SELECT COUNT(*) FROM events_outbox_lease WHERE owner IS NOT NULL AND expires_at > %s
			""";

	private static final String INSERT_LEASE = "INSERT INTO events_outbox_lease (shard) VALUES (:shard)";

	private static final int DEAD_INSTANCE_LEASES = 10;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final JdbcDialect dialect;

	private final String instanceId;

	private final int configuredShards;

	private final long leaseMillis;

	private final String countLiveInstances;

	private final String deleteDeadInstances;

	private final String renew;

	private final String acquire;

	private final String selectOwners;

	/**
	 * Create shard leases for one relay instance.
	 * @param dataSource the data source holding the lease tables
	 * @param dialect the database's dialect
	 * @param instanceId the id of this instance, unique among live instances
	 * @param shards the number of shards this instance is configured with
	 * @param leaseDuration how long a lease lasts without renewal, in database time
	 */
	public JdbcShardLeases(DataSource dataSource, JdbcDialect dialect, String instanceId, int shards,
			Duration leaseDuration) {
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.dialect = dialect;
		this.instanceId = instanceId;
		this.configuredShards = shards;
		this.leaseMillis = leaseDuration.toMillis();
		String leaseEnd = dialect.databaseTimePlus(":lease");
		this.countLiveInstances = "SELECT COUNT(*) FROM events_outbox_instance WHERE heartbeat_at > "
				+ dialect.databaseTimePlus(":sinceMillis");
		this.deleteDeadInstances = "DELETE FROM events_outbox_instance WHERE heartbeat_at < "
				+ dialect.databaseTimePlus(":sinceMillis");
		this.renew = "UPDATE events_outbox_lease SET expires_at = " + leaseEnd + " WHERE owner = :instance";
		this.acquire = """
				UPDATE events_outbox_lease SET owner = :instance, expires_at = %s
				WHERE shard = :shard AND (owner IS NULL OR expires_at <= %s)
				    AND NOT EXISTS (SELECT 1 FROM events_outbox_shards WHERE requested_count IS NOT NULL)
				""".formatted(leaseEnd, dialect.databaseTime());
		this.selectOwners = "SELECT shard, owner FROM events_outbox_lease WHERE owner IS NOT NULL AND expires_at > "
				+ dialect.databaseTime() + " ORDER BY shard";
	}

	/**
	 * Create the shard count and the leases if this is the first instance, and ask for this
	 * instance's shard count if the database has another one.
	 */
	@Override
	public void afterPropertiesSet() {
		long leases;
		try {
			leases = this.jdbc.sql(COUNT_LEASES).query(Long.class).single();
		}
		catch (BadSqlGrammarException ex) {
			throw new IllegalStateException("The events tables are missing: let events create them "
					+ "(events.jdbc.initialize-schema=true, with Flyway on the classpath) or apply the scripts under "
					+ "classpath:dev/events/db/migration/<database> yourself", ex);
		}
		insertUnlessDuplicate("events_outbox_shards", List.of("id", "shard_count"), 1, this.configuredShards);
		ShardCount count = shardCount();
		if (leases == 0) {
			IntStream.range(0, count.current()).forEach(this::createLease);
		}
		boolean requested = this.jdbc.sql(REQUEST_SHARD_COUNT).param("count", this.configuredShards).update() == 1;
		if (requested) {
			logger.info(("events.outbox.shards is %d here and %d in the database: changing it to %d once the relays "
					+ "have finished their current sends").formatted(this.configuredShards, count.current(),
							this.configuredShards));
		}
		else if (count.current() != this.configuredShards) {
			logger.info(("events.outbox.shards is %d here; following the database's %d shards, or the change to them "
					+ "another instance asked for").formatted(this.configuredShards, count.current()));
		}
	}

	private void createLease(int shard) {
		insertUnlessDuplicate("events_outbox_lease", List.of("shard"), shard);
	}

	private void insertUnlessDuplicate(String table, List<String> columns, Object... values) {
		try {
			this.jdbc.sql(this.dialect.insertUnlessDuplicate(table, columns)).params(values).update();
		}
		catch (DuplicateKeyException ex) {
			// Another instance inserted the same row at the same moment
		}
	}

	@Override
	public synchronized LeasedShards refresh(Set<Integer> busy) {
		heartbeat();
		this.jdbc.sql(this.renew).param("lease", this.leaseMillis).param("instance", this.instanceId).update();
		Set<Integer> owned = new TreeSet<>(
				this.jdbc.sql(SELECT_OWNED).param("instance", this.instanceId).query(Integer.class).list());
		ShardCount count = shardCount();
		if (count.requested() != null) {
			Set<Integer> kept = releaseAllBut(owned, busy);
			if (!kept.isEmpty() || !applyRequestedCount()) {
				return new LeasedShards(this.instanceId, count.current(), Set.of());
			}
			owned.clear();
			count = shardCount();
		}
		int fairShare = fairShare(count.current());
		if (owned.size() > fairShare) {
			Set<Integer> surplus = surplus(owned, owned.size() - fairShare, busy);
			releaseAllBut(surplus, busy);
			owned.removeAll(surplus);
			return new LeasedShards(this.instanceId, count.current(), Set.copyOf(owned));
		}
		acquire(owned, fairShare);
		return new LeasedShards(this.instanceId, count.current(), Set.copyOf(owned));
	}

	/**
	 * Pick the shards to give up, idle ones first: busy ones are given up once their sends are
	 * done, and are not claimed from meanwhile.
	 */
	private Set<Integer> surplus(Set<Integer> owned, int count, Set<Integer> busy) {
		Set<Integer> surplus = new TreeSet<>();
		owned.stream().filter((shard) -> !busy.contains(shard)).sorted((a, b) -> b - a).limit(count)
			.forEach(surplus::add);
		owned.stream().sorted((a, b) -> b - a).filter((shard) -> !surplus.contains(shard))
			.limit(count - surplus.size())
			.forEach(surplus::add);
		return surplus;
	}

	/**
	 * Give up the given shards except busy ones.
	 * @return the busy shards kept
	 */
	private Set<Integer> releaseAllBut(Set<Integer> shards, Set<Integer> busy) {
		Set<Integer> released = new HashSet<>(shards);
		released.removeAll(busy);
		if (!released.isEmpty()) {
			this.jdbc.sql(RELEASE).param("instance", this.instanceId).param("shards", released).update();
		}
		Set<Integer> kept = new HashSet<>(shards);
		kept.removeAll(released);
		return kept;
	}

	private boolean applyRequestedCount() {
		Boolean applied = this.transactions.execute((status) -> {
			ShardCount locked = this.jdbc.sql(LOCK_SHARD_COUNT).query(ShardCount::of).single();
			if (locked.requested() == null) {
				return true;
			}
			if (this.jdbc.sql(inDatabaseTime(COUNT_HELD_LEASES)).query(Long.class).single() > 0) {
				return false;
			}
			storeMissingKeyHashes();
			this.jdbc.sql(DELETE_LEASES).update();
			IntStream.range(0, locked.requested())
				.forEach((shard) -> this.jdbc.sql(INSERT_LEASE).param("shard", shard).update());
			this.jdbc.sql(APPLY_SHARD_COUNT).param("count", locked.requested()).update();
			logger.info("Changed the outbox from %d to %d shards".formatted(locked.current(), locked.requested()));
			return true;
		});
		return Boolean.TRUE.equals(applied);
	}

	/**
	 * Give the events written before key hashes were stored theirs, so that they are sharded
	 * like every other event under the new count; until then their stored shard is right, since
	 * it was computed with the count in force.
	 */
	private void storeMissingKeyHashes() {
		this.jdbc.sql(SELECT_WITHOUT_KEY_HASH)
			.query((row, rowNum) -> new MissingKeyHash(row.getLong("seq"),
					KeyHash.of(row.getString("partition_key"), row.getObject("event_id", UUID.class))))
			.list()
			.forEach((missing) -> this.jdbc.sql(SET_KEY_HASH)
				.param("keyHash", missing.keyHash())
				.param("seq", missing.sequence())
				.update());
	}

	/**
	 * Put the database's clock into a statement's placeholders.
	 */
	private String inDatabaseTime(String statement) {
		return statement.formatted(this.dialect.databaseTime());
	}

	private ShardCount shardCount() {
		return this.jdbc.sql(SELECT_SHARD_COUNT).query(ShardCount::of).single();
	}

	private void heartbeat() {
		int updated = this.jdbc.sql(inDatabaseTime(UPDATE_HEARTBEAT)).param("instance", this.instanceId).update();
		if (updated == 0) {
			this.jdbc.sql(inDatabaseTime(INSERT_HEARTBEAT)).param("instance", this.instanceId).update();
		}
		this.jdbc.sql(this.deleteDeadInstances)
			.param("sinceMillis", -this.leaseMillis * DEAD_INSTANCE_LEASES)
			.update();
	}

	private int fairShare(int shards) {
		long live = this.jdbc.sql(this.countLiveInstances)
			.param("sinceMillis", -this.leaseMillis)
			.query(Long.class)
			.single();
		long instances = Math.max(live, 1);
		return (int) ((shards + instances - 1) / instances);
	}

	private void acquire(Set<Integer> owned, int fairShare) {
		if (owned.size() >= fairShare) {
			return;
		}
		List<Integer> free = this.jdbc.sql(inDatabaseTime(SELECT_FREE)).query(Integer.class).list();
		for (Integer shard : free) {
			if (owned.size() >= fairShare) {
				return;
			}
			int taken = this.jdbc.sql(this.acquire)
				.param("instance", this.instanceId)
				.param("lease", this.leaseMillis)
				.param("shard", shard)
				.update();
			if (taken == 1) {
				owned.add(shard);
			}
		}
	}

	@Override
	public Map<Integer, String> owners() {
		Map<Integer, String> owners = new TreeMap<>();
		this.jdbc.sql(this.selectOwners).query((row) -> {
			owners.put(row.getInt("shard"), row.getString("owner"));
		});
		return owners;
	}

	@Override
	public synchronized void releaseAll() {
		this.jdbc.sql(RELEASE_ALL).param("instance", this.instanceId).update();
		this.jdbc.sql(DELETE_INSTANCE).param("instance", this.instanceId).update();
	}

	/**
	 * An event written before key hashes were stored, with the hash it is to get.
	 */
	private record MissingKeyHash(long sequence, int keyHash) {

	}

	/**
	 * The number of shards in the database, and the number an instance asked to change it to.
	 */
	private record ShardCount(int current, @Nullable Integer requested) {

		static ShardCount of(ResultSet row, int rowNum) throws SQLException {
			int current = row.getInt("shard_count");
			int requested = row.getInt("requested_count");
			return new ShardCount(current, row.wasNull() ? null : requested);
		}

	}

}
