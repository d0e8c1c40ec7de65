package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.jdbc.JdbcDialect;

/**
 * {@link ShardLeases} kept in the database. Every instance heartbeats in
 * {@code events_outbox_instance}; a lease in {@code events_outbox_lease} names the owner of a
 * shard until it expires. Each instance takes at most its fair share, the number of shards
 * divided by the live instances, rounded up, so shards spread as instances come and go.
 * <p>
 * Shards are taken with a conditional update, so two instances never own the same unexpired
 * lease. An instance that stops gives its shards up; one that dies loses them once its leases
 * expire.
 */
public class JdbcShardLeases implements ShardLeases, InitializingBean {

	private static final String UPDATE_HEARTBEAT = """
			UPDATE events_outbox_instance SET heartbeat_at = :now WHERE instance_id = :instance
			""";

	private static final String INSERT_HEARTBEAT = """
			INSERT INTO events_outbox_instance (instance_id, heartbeat_at) VALUES (:instance, :now)
			""";

	private static final String COUNT_LIVE_INSTANCES = """
			SELECT COUNT(*) FROM events_outbox_instance WHERE heartbeat_at > :since
			""";

	private static final String DELETE_DEAD_INSTANCES = """
			DELETE FROM events_outbox_instance WHERE heartbeat_at < :before
			""";

	private static final String DELETE_INSTANCE = "DELETE FROM events_outbox_instance WHERE instance_id = :instance";

	private static final String RENEW = "UPDATE events_outbox_lease SET expires_at = :until WHERE owner = :instance";

	private static final String SELECT_OWNED = """
			SELECT shard FROM events_outbox_lease WHERE owner = :instance AND shard < :shards ORDER BY shard
			""";

	private static final String SELECT_FREE = """
			SELECT shard FROM events_outbox_lease
			WHERE shard < :shards AND (owner IS NULL OR expires_at < :now)
			ORDER BY shard
			""";

	private static final String ACQUIRE = """
			UPDATE events_outbox_lease SET owner = :instance, expires_at = :until
			WHERE shard = :shard AND (owner IS NULL OR expires_at < :now)
			""";

	private static final String RELEASE = """
			UPDATE events_outbox_lease SET owner = NULL, expires_at = NULL
			WHERE owner = :instance AND shard IN (:shards)
			""";

	private static final String RELEASE_ALL = """
			UPDATE events_outbox_lease SET owner = NULL, expires_at = NULL WHERE owner = :instance
			""";

	private static final String COUNT_LEASES = "SELECT COUNT(*) FROM events_outbox_lease";

	private static final String DELETE_SURPLUS_LEASES = "DELETE FROM events_outbox_lease WHERE shard >= :shards";

	private static final int DEAD_INSTANCE_LEASES = 10;

	private final JdbcClient jdbc;

	private final JdbcDialect dialect;

	private final OutboxStore outbox;

	private final String insertLease;

	private final String instanceId;

	private final int shards;

	private final Duration leaseDuration;

	private final Clock clock;

	private boolean leasesCreated;

	/**
	 * Create shard leases for one relay instance.
	 * @param dataSource the data source holding the lease tables
	 * @param dialect the database's dialect
	 * @param outbox the outbox whose events are sharded
	 * @param instanceId the id of this instance, unique among live instances
	 * @param shards the number of shards
	 * @param leaseDuration how long a lease lasts without renewal
	 * @param clock the clock; instances sharing a database need clocks in sync
	 */
	public JdbcShardLeases(DataSource dataSource, JdbcDialect dialect, OutboxStore outbox, String instanceId,
			int shards, Duration leaseDuration, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.dialect = dialect;
		this.outbox = outbox;
		this.insertLease = dialect.insertIfAbsent("events_outbox_lease", List.of("shard"), 1);
		this.instanceId = instanceId;
		this.shards = shards;
		this.leaseDuration = leaseDuration;
		this.clock = clock;
	}

	/**
	 * Refuse to start when the number of shards changed while events are pending: their shards
	 * were computed with the old number, so some would never be sent and the order of others
	 * would break. With an empty outbox the leases simply follow the new number.
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
		if (leases == 0 || leases == this.shards) {
			return;
		}
		long pending = this.outbox.countPending();
		if (pending > 0) {
			throw new IllegalStateException(("events.outbox.shards changed from %d to %d while %d events are pending "
					+ "in the outbox: set it back to %d until the outbox is empty, then change it")
				.formatted(leases, this.shards, pending, leases));
		}
		this.jdbc.sql(DELETE_SURPLUS_LEASES).param("shards", this.shards).update();
	}

	@Override
	public synchronized Set<Integer> refresh() {
		createLeasesOnce();
		Instant now = this.clock.instant();
		OffsetDateTime until = utc(now.plus(this.leaseDuration));
		heartbeat(now);
		this.jdbc.sql(RENEW).param("until", until).param("instance", this.instanceId).update();
		Set<Integer> owned = new TreeSet<>(this.jdbc.sql(SELECT_OWNED)
			.param("instance", this.instanceId)
			.param("shards", this.shards)
			.query(Integer.class)
			.list());
		int fairShare = fairShare(now);
		if (owned.size() > fairShare) {
			release(owned, owned.size() - fairShare);
		}
		else if (owned.size() < fairShare) {
			acquire(owned, fairShare, now, until);
		}
		return owned;
	}

	private void createLeasesOnce() {
		if (!this.leasesCreated) {
			IntStream.range(0, this.shards).forEach(this::createLease);
			this.leasesCreated = true;
		}
	}

	private void createLease(int shard) {
		try {
			this.jdbc.sql(this.insertLease)
				.params(this.dialect.bindsKeyTwice() ? List.of(shard, shard) : List.of(shard))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another instance created the same lease at the same moment
		}
	}

	private void heartbeat(Instant now) {
		int updated = this.jdbc.sql(UPDATE_HEARTBEAT).param("now", utc(now)).param("instance", this.instanceId).update();
		if (updated == 0) {
			this.jdbc.sql(INSERT_HEARTBEAT).param("instance", this.instanceId).param("now", utc(now)).update();
		}
		this.jdbc.sql(DELETE_DEAD_INSTANCES)
			.param("before", utc(now.minus(this.leaseDuration.multipliedBy(DEAD_INSTANCE_LEASES))))
			.update();
	}

	private int fairShare(Instant now) {
		long live = this.jdbc.sql(COUNT_LIVE_INSTANCES)
			.param("since", utc(now.minus(this.leaseDuration)))
			.query(Long.class)
			.single();
		long instances = Math.max(live, 1);
		return (int) ((this.shards + instances - 1) / instances);
	}

	private void release(Set<Integer> owned, int count) {
		List<Integer> released = owned.stream().sorted((a, b) -> b - a).limit(count).toList();
		this.jdbc.sql(RELEASE).param("instance", this.instanceId).param("shards", released).update();
		released.forEach(owned::remove);
	}

	private void acquire(Set<Integer> owned, int fairShare, Instant now, OffsetDateTime until) {
		List<Integer> free = this.jdbc.sql(SELECT_FREE)
			.param("shards", this.shards)
			.param("now", utc(now))
			.query(Integer.class)
			.list();
		for (Integer shard : free) {
			if (owned.size() >= fairShare) {
				return;
			}
			int taken = this.jdbc.sql(ACQUIRE)
				.param("instance", this.instanceId)
				.param("until", until)
				.param("shard", shard)
				.param("now", utc(now))
				.update();
			if (taken == 1) {
				owned.add(shard);
			}
		}
	}

	@Override
	public synchronized void releaseAll() {
		this.jdbc.sql(RELEASE_ALL).param("instance", this.instanceId).update();
		this.jdbc.sql(DELETE_INSTANCE).param("instance", this.instanceId).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
