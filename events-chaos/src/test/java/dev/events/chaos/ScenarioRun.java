package dev.events.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.events.chaos.AppInstance.ClusterAddress;
import dev.events.chaos.AppInstance.Plan;
import dev.events.chaos.app.ChaosEvent;
import dev.events.harness.Pause;
import dev.events.test.ConsumerGroupLag;

/**
 * One scenario on a {@link ChaosCluster}: its instances, its database and the questions the
 * harness asks while faults happen.
 */
final class ScenarioRun implements AutoCloseable {

	/** The consumer group of the application's handler. */
	static final String GROUP = "chaos-effects";

	private static final Duration POLL = Duration.ofMillis(250);

	private final ChaosCluster cluster;

	private final ClusterAddress address;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final String name;

	private final List<AppInstance> instances = new ArrayList<>();

	private final Map<String, Plan> plans = new LinkedHashMap<>();

	ScenarioRun(ChaosCluster cluster, String name) {
		this.cluster = cluster;
		this.name = name;
		this.address = new ClusterAddress(cluster.broker().bootstrapServers(), cluster.prepare(name));
		this.dataSource = cluster.postgres().dataSource(name);
		this.jdbc = JdbcClient.create(this.dataSource);
	}

	/**
	 * Start an instance; one of a name already started takes over its name, keys and log.
	 * @param name its name
	 * @param plan what it publishes
	 * @param settings more application properties, as {@code name=value}
	 * @return the started instance
	 */
	AppInstance start(String name, Plan plan, String... settings) {
		Path log = this.cluster.workDir().resolve(this.name + "-" + name + ".log");
		AppInstance instance = AppInstance.of(name, plan, this.address, log, List.of(settings));
		this.instances.add(instance);
		this.plans.put(name, plan);
		instance.start();
		return instance;
	}

	/**
	 * Return how many events the plans commit: all but the rolled-back ones.
	 * @return the committed events once every driver is done
	 */
	long plannedCommits() {
		return this.plans.values().stream().mapToLong(Plan::commits).sum();
	}

	long published() {
		return count("SELECT COUNT(*) FROM chaos_published");
	}

	/**
	 * Return how many committed events have been applied.
	 * @return the committed events with an effect
	 */
	long handled() {
		return count("""
				SELECT COUNT(DISTINCT e.event_id) FROM chaos_effects e
				JOIN chaos_published p ON p.event_id = e.event_id
				""");
	}

	long pendingInOutbox() {
		return count("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL AND parked_at IS NULL");
	}

	/**
	 * Wait until the drivers have committed at least this share of their plans.
	 * @param share between 0 and 1
	 */
	void awaitPublished(double share) {
		long target = (long) (plannedCommits() * share);
		await("a share of " + share + " published", Duration.ofMinutes(5), () -> published() >= target);
	}

	/**
	 * Wait until handlers have applied at least this share of the plans.
	 * @param share between 0 and 1
	 */
	void awaitHandled(double share) {
		long target = (long) (plannedCommits() * share);
		await("a share of " + share + " handled", Duration.ofMinutes(5), () -> handled() >= target);
	}

	/**
	 * Wait until a handler has joined its group and been given partitions, so that it handles
	 * what is published from then on, however long its JVM took to start.
	 */
	void awaitHandlerAssigned() {
		try (Admin admin = admin()) {
			await("a handler with partitions assigned", Duration.ofMinutes(2), () -> hasAssignedHandler(admin));
		}
	}

	private static boolean hasAssignedHandler(Admin admin) {
		try {
			return admin.describeConsumerGroups(List.of(GROUP))
				.all()
				.get(POLL.toMillis(), TimeUnit.MILLISECONDS)
				.get(GROUP)
				.members()
				.stream()
				.anyMatch((member) -> !member.assignment().topicPartitions().isEmpty());
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + GROUP, ex);
		}
	}

	/**
	 * Mark the end of a fault: what was committed by now is what recovery must catch up with.
	 * @return the recovery to wait for
	 */
	Recovery faultEnded() {
		Map<String, Long> lastCommitted = this.jdbc.sql("SELECT instance, MAX(n) FROM chaos_published GROUP BY instance")
			.query((row, index) -> Map.entry(row.getString(1), row.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return new Recovery(System.nanoTime(), lastCommitted);
	}

	/**
	 * Wait until every event committed before the fault ended has been applied.
	 * @param recovery what {@link #faultEnded()} returned
	 * @param timeout how long recovery may take
	 * @return the seconds it took
	 */
	double awaitRecovered(Recovery recovery, Duration timeout) {
		if (recovery.lastCommitted().isEmpty()) {
			return 0;
		}
		String bounds = recovery.lastCommitted()
			.entrySet()
			.stream()
			.map((entry) -> "('" + entry.getKey() + "', " + entry.getValue() + ")")
			.collect(Collectors.joining(", "));
		String unapplied = """
				SELECT COUNT(*) FROM chaos_published p
				JOIN (VALUES %s) AS bound(instance, last_n) ON p.instance = bound.instance AND p.n <= bound.last_n
				WHERE NOT EXISTS (SELECT 1 FROM chaos_effects e WHERE e.event_id = p.event_id)
				""".formatted(bounds);
		await("recovery", timeout, () -> count(unapplied) == 0);
		return (System.nanoTime() - recovery.endedAt()) / 1e9;
	}

	/**
	 * Wait until every plan is published, applied and out of the outbox.
	 * @param timeout how long it may take
	 */
	void awaitDrained(Duration timeout) {
		long expected = plannedCommits();
		await("every event published, applied and relayed", timeout,
				() -> published() == expected && handled() == expected && pendingInOutbox() == 0);
	}

	/**
	 * Wait until the handlers' group has committed offsets up to the end of the topic, so that
	 * every record, duplicates included, went through a handler before the verdict.
	 * @param timeout how long it may take
	 */
	void awaitConsumed(Duration timeout) {
		await("the handlers' group at the end of the topic", timeout, this::consumedToTheEnd);
	}

	private boolean consumedToTheEnd() {
		return ConsumerGroupLag.of(bootstrapServers(), GROUP, ChaosEvent.TOPIC)
			.values()
			.stream()
			.allMatch((lag) -> lag == 0);
	}

	/**
	 * Stop every instance, politely, so that nothing more happens while the verifier reads.
	 */
	void stopInstances() {
		RuntimeException failure = null;
		for (AppInstance instance : this.instances) {
			try {
				instance.stop();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	Admin admin() {
		return this.cluster.broker().admin();
	}

	Verdict verify() {
		return new Verifier(this.dataSource, this.address.bootstrapServers()).verify();
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	String bootstrapServers() {
		return this.address.bootstrapServers();
	}

	@Override
	public void close() {
		stopInstances();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!holdsNow(condition)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; published "
						+ published() + ", handled " + handled() + ", in outbox " + pendingInOutbox()
						+ "; logs in " + this.cluster.workDir());
			}
			Pause.of(POLL);
		}
	}

	private static boolean holdsNow(BooleanSupplier condition) {
		try {
			return condition.getAsBoolean();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The end of a fault and the last event each instance had committed by then.
	 *
	 * @param endedAt {@link System#nanoTime()} at the end of the fault
	 * @param lastCommitted per instance, the plan position of its last committed event
	 */
	record Recovery(long endedAt, Map<String, Long> lastCommitted) {
	}

}
