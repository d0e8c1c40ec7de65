package dev.events.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.events.chaos.AppInstance.Plan;
import dev.events.chaos.ScenarioRun.Recovery;
import dev.events.chaos.app.ProducerFaults;
import dev.events.chaos.app.ChaosEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chaos scenarios: real processes killed, paused and restarted while events flow, then
 * every guarantee counted. Each scenario also asserts that its fault hit the window it aims at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenariosTests {

	private final Scale scale = Scale.current();

	private final GuaranteesReport report = new GuaranteesReport();

	private final Duration drainTimeout = Duration.ofMinutes(10);

	private ChaosCluster cluster;

	@BeforeAll
	void startCluster() {
		this.cluster = ChaosCluster.start();
	}

	@AfterAll
	void stopCluster() {
		this.cluster.close();
		this.report.write(this.cluster.workDir().resolve("guarantees.md"), this.scale);
		String published = System.getProperty("chaos.report");
		if (this.scale.full() && published != null) {
			this.report.write(Path.of(published), this.scale);
		}
	}

	@Test
	@Order(1)
	void publisherKilledMidStream() {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s1_publisher_killed")) {
			long crashAt = (long) (plan(0).commits() * 0.4);
			run.start("a", plan(0), producerFault(ProducerFaults.KILL_AFTER_ACKS, crashAt))
				.awaitExit(this.drainTimeout);
			Set<String> inOutbox = new HashSet<>(run.jdbc()
				.sql("SELECT CAST(event_id AS VARCHAR) FROM events_outbox WHERE sent_at IS NULL")
				.query(String.class)
				.list());
			long sentNotDeleted = onTopic(run, inOutbox);
			long unsent = inOutbox.size() - sentNotDeleted;
			Recovery recovery = run.faultEnded();
			run.start("a", plan(0));
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			record(run, "1. Publishing instance killed (`kill -9`) mid-stream, restarted", recoverySeconds,
					"killed after %,d records acknowledged; %d rows committed but unsent, %d sent but not yet deleted"
						.formatted(crashAt, unsent, sentNotDeleted));
			assertThat(unsent).as("rows committed but unsent at the kill").isPositive();
			assertThat(sentNotDeleted).as("rows sent but not yet deleted at the kill").isPositive();
		}
	}

	@Test
	@Order(2)
	void brokerKilledForThirtySeconds() {
		brokerKilled("2a", Duration.ofSeconds(30));
	}

	@Test
	@Order(3)
	void brokerKilledForTenMinutes() {
		assumeTrue(!this.scale.longBrokerOutage().isZero(), "the long broker outage runs at full scale");
		brokerKilled("2b", this.scale.longBrokerOutage());
	}

	private void brokerKilled(String number, Duration outage) {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s" + number + "_broker_killed")) {
			int rate = (int) Math.max(20, Math.min(this.scale.rate(), this.scale.events() * 2 / (outage.toSeconds() * 3)));
			run.start("a", plan(rate));
			run.awaitPublished(0.15);
			long publishedAtKill = run.published();
			this.cluster.broker().kill();
			Pause.of(outage);
			long pendingAtRestart = run.pendingInOutbox();
			long publishedDuringOutage = run.published() - publishedAtKill;
			Recovery recovery = run.faultEnded();
			this.cluster.broker().start();
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			record(run, number.substring(0, 1) + ". Broker killed (`kill -9`) for " + describe(outage)
					+ " while publishing, restarted", recoverySeconds,
					"%d events committed during the outage; %d rows pending at the restart"
						.formatted(publishedDuringOutage, pendingAtRestart));
			assertThat(publishedDuringOutage).as("events committed while the broker was down").isPositive();
			assertThat(pendingAtRestart).as("rows pending when the broker came back").isPositive();
		}
	}

	@Test
	@Order(4)
	void databaseStoppedForFifteenSeconds() {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s3_database_stopped")) {
			AppInstance publisher = run.start("p", plan(this.scale.rate()).publishOnly());
			run.awaitPublished(0.4);
			run.start("c", Plan.consumerOnly());
			run.awaitHandled(0.05);
			long publishedAtStop = run.published();
			long backlogAtStop = publishedAtStop - run.handled();
			long failedCommitsBefore = linesContaining(publisher.log(), "failed, asking the database");
			this.cluster.postgres().stop();
			Pause.of(Duration.ofSeconds(15));
			this.cluster.postgres().start();
			Recovery recovery = run.faultEnded();
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			long failedPublishes = linesContaining(publisher.log(), "failed, asking the database")
					- failedCommitsBefore;
			record(run, "3. Database stopped for 15 s while publishing and consuming, restarted", recoverySeconds,
					"stopped at %d of %d published, %d of them not yet handled; %d publishing transactions failed"
						.formatted(publishedAtStop, run.plannedCommits(), backlogAtStop, failedPublishes));
			assertThat(publishedAtStop).as("published at the stop").isLessThan(run.plannedCommits());
			assertThat(backlogAtStop).as("published but not yet handled at the stop").isPositive();
			assertThat(failedPublishes).as("transactions that failed while the database was down").isPositive();
		}
	}

	@Test
	@Order(5)
	void threeInstancesOneKilled() {
		assumeTrue(this.scale.full(), "three instances run at full scale");
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s4_three_instances")) {
			Plan third = new Plan(divideRoundingUp(this.scale.events(), 3), divideRoundingUp(this.scale.keys(), 3),
					this.scale.rate() / 3, true);
			run.start("a", third);
			AppInstance victim = run.start("b", third);
			run.start("c", third);
			run.awaitPublished(0.4);
			victim.kill();
			long victimsUnsent = unsentOf(run, "b");
			Recovery recovery = run.faultEnded();
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			long victimsRelayedByOthers = victimsUnsent - unsentOf(run, "b");
			victim.start();
			run.awaitDrained(this.drainTimeout);
			record(run, "4. Three instances on one database and group, one killed (`kill -9`) mid-stream",
					recoverySeconds, "%d of the killed instance's rows unsent at the kill, %d relayed by the others"
						.formatted(victimsUnsent, victimsRelayedByOthers));
			assertThat(victimsUnsent).as("the killed instance's unsent rows").isPositive();
			assertThat(victimsRelayedByOthers).as("rows the others took over").isEqualTo(victimsUnsent);
		}
	}

	@Test
	@Order(6)
	void consumerKilledBetweenHandlerCommitAndOffsetCommit() {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s5_consumer_killed")) {
			run.start("p", plan(this.scale.rate() * 2).publishOnly());
			long crashAt = (long) (run.plannedCommits() * 0.3);
			run.start("c", Plan.consumerOnly(), "chaos.kill-after-handled=" + crashAt)
				.awaitExit(this.drainTimeout);
			long handledNotCommitted = handledButNotCommitted(run);
			long handledAtKill = run.handled();
			Recovery recovery = run.faultEnded();
			run.start("c", Plan.consumerOnly());
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			record(run, "5. Consumer killed (`kill -9`) between its handler's commit and its offset commit",
					recoverySeconds, "killed after its %,d-th event; %d events applied but their offsets not committed"
						.formatted(handledAtKill, handledNotCommitted));
			assertThat(handledNotCommitted).as("events applied whose offsets were not committed").isPositive();
		}
	}

	@Test
	@Order(7)
	void brokerPausedForOneMinute() {
		assumeTrue(this.scale.full(), "pauses run at full scale");
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s6a_broker_paused")) {
			run.start("a", plan(this.scale.rate() / 2));
			run.awaitPublished(0.15);
			long publishedAtPause = run.published();
			this.cluster.broker().pause();
			Pause.of(Duration.ofMinutes(1));
			long pendingAtResume = run.pendingInOutbox();
			long publishedDuringPause = run.published() - publishedAtPause;
			Recovery recovery = run.faultEnded();
			this.cluster.broker().resume();
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			record(run, "6a. Broker paused (`kill -STOP`) for 1 min while publishing, resumed", recoverySeconds,
					"%d events committed during the pause; %d rows pending at the resume"
						.formatted(publishedDuringPause, pendingAtResume));
			assertThat(publishedDuringPause).as("events committed while the broker was frozen").isPositive();
			assertThat(pendingAtResume).as("rows pending when the broker thawed").isPositive();
		}
	}

	@Test
	@Order(8)
	void instancePausedPastItsLease() {
		assumeTrue(this.scale.full(), "pauses run at full scale");
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s6b_instance_paused")) {
			Plan half = new Plan(this.scale.events() / 2, this.scale.keys() / 2, this.scale.rate() / 2, true);
			long freezeAt = (long) (half.commits() * 0.3);
			AppInstance zombie = run.start("a", half, producerFault(ProducerFaults.FREEZE_AT_SEND, freezeAt));
			run.start("b", half);
			zombie.awaitFrozen(this.drainTimeout);
			long zombiesUnsentAtFreeze = unsentOf(run, "a");
			Pause.of(Duration.ofSeconds(45));
			long zombiesUnsentAtThaw = unsentOf(run, "a");
			Recovery recovery = run.faultEnded();
			zombie.resume();
			double recoverySeconds = run.awaitRecovered(recovery, this.drainTimeout);
			run.awaitDrained(this.drainTimeout);
			Verdict verdict = record(run, "6b. Instance frozen (`SIGSTOP`) for 45 s, past its 30 s lease, "
					+ "in the middle of a send, then thawed beside a second instance", recoverySeconds,
					"frozen handing its %,d-th record to the producer; %d of its rows unsent at the freeze, "
							.formatted(freezeAt, zombiesUnsentAtFreeze)
							+ "%d relayed by the other instance before the thaw"
								.formatted(zombiesUnsentAtFreeze - zombiesUnsentAtThaw));
			assertThat(zombiesUnsentAtFreeze).as("the frozen instance's unsent rows").isPositive();
			assertThat(zombiesUnsentAtThaw).as("its rows left when it thawed").isZero();
			assertThat(verdict.duplicateRecords()).as("records the thawed instance sent after the takeover")
				.isPositive();
		}
	}

	private Plan plan(int rate) {
		return new Plan(this.scale.events(), this.scale.keys(), rate, true);
	}

	private Verdict record(ScenarioRun run, String scenario, double recoverySeconds, String window) {
		Verdict verdict = run.verify();
		this.report.add(new ScenarioResult(scenario, verdict, recoverySeconds, window));
		assertThat(verdict.holds()).as("%s: %s", scenario, verdict).isTrue();
		assertThat(verdict.committed()).as("committed events").isEqualTo(run.plannedCommits());
		return verdict;
	}

	private static String[] producerFault(String fault, long atRecord) {
		return new String[] { "spring.kafka.producer.properties.interceptor.classes=" + ProducerFaults.class.getName(),
				"spring.kafka.producer.properties." + fault + "=" + atRecord };
	}

	private static int divideRoundingUp(int dividend, int divisor) {
		return (dividend + divisor - 1) / divisor;
	}

	private static long unsentOf(ScenarioRun run, String instance) {
		return run.jdbc()
			.sql("SELECT COUNT(*) FROM events_outbox WHERE sent_at IS NULL AND partition_key LIKE ?")
			.param(instance + "-%")
			.query(Long.class)
			.single();
	}

	private static long onTopic(ScenarioRun run, Set<String> eventIds) {
		Set<String> found = new HashSet<>();
		TopicLog.forEach(run.bootstrapServers(), ChaosEvent.TOPIC, (record) -> {
			String id = TopicLog.eventId(record);
			if (eventIds.contains(id)) {
				found.add(id);
			}
		});
		return found.size();
	}

	private static long handledButNotCommitted(ScenarioRun run) {
		Map<TopicPartition, OffsetAndMetadata> committed;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.bootstrapServers()))) {
			committed = admin.listConsumerGroupOffsets("chaos-effects")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the group's offsets", ex);
		}
		Set<String> uncommitted = new HashSet<>();
		TopicLog.forEach(run.bootstrapServers(), ChaosEvent.TOPIC, (record) -> {
			OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
			if (offset == null || record.offset() >= offset.offset()) {
				uncommitted.add(TopicLog.eventId(record));
			}
		});
		return run.jdbc()
			.sql("SELECT CAST(event_id AS VARCHAR) FROM chaos_effects")
			.query(String.class)
			.list()
			.stream()
			.filter(uncommitted::contains)
			.count();
	}

	private static long linesContaining(Path log, String text) {
		try (var lines = Files.lines(log)) {
			return lines.filter((line) -> line.contains(text)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String describe(Duration outage) {
		return (outage.toMinutes() > 0) ? outage.toMinutes() + " min" : outage.toSeconds() + " s";
	}

}
