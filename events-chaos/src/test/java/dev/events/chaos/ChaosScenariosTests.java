package dev.events.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.events.chaos.AppInstance.Plan;
import dev.events.chaos.ScenarioRun.Recovery;
import dev.events.chaos.app.ChaosDriver;
import dev.events.chaos.app.ProducerFaults;
import dev.events.harness.Pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chaos scenarios: real processes killed, frozen and restarted while events flow, then every
 * guarantee counted. Each scenario also asserts that its fault hit the window it aims at, and
 * undoes its fault even when it fails, so that the next scenario starts whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenariosTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final Duration LEASE_DURATION = Duration.ofSeconds(30);

	private final Scale scale = Scale.current();

	private final GuaranteesReport report = new GuaranteesReport();

	private ChaosCluster cluster;

	@BeforeAll
	void startCluster() {
		this.cluster = ChaosCluster.start();
	}

	@AfterAll
	void stopCluster() {
		try {
			this.cluster.close();
		}
		finally {
			this.report.write(this.cluster.workDir().resolve("guarantees.md"), this.scale);
			String published = System.getProperty("chaos.report");
			if (this.scale.full() && published != null && this.report.size() == scenarioCount()) {
				this.report.write(Path.of(published), this.scale);
			}
		}
	}

	@Test
	@Order(1)
	void publisherKilledMidStream() {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s1_publisher_killed")) {
			long killAt = (long) (plan(0).commits() * 0.4);
			run.start("a", plan(0), producerFault(ProducerFaults.KILL_AFTER_ACKS, killAt)).awaitExit(TIMEOUT);
			Set<String> inOutbox = FaultWindows.inOutbox(run);
			long sentNotDeleted = FaultWindows.onTopic(run, inOutbox);
			long unsent = inOutbox.size() - sentNotDeleted;
			Recovery recovery = run.faultEnded();
			run.start("a", plan(0));
			finish(run, "1. Publishing instance killed (`kill -9`) mid-stream, restarted", recovery,
					"killed after %,d records acknowledged; %d rows committed but unsent, %d sent but not yet deleted"
						.formatted(killAt, unsent, sentNotDeleted));
			assertThat(unsent).as("rows committed but unsent at the kill").isPositive();
			assertThat(sentNotDeleted).as("rows sent but not yet deleted at the kill").isPositive();
		}
	}

	@Test
	@Order(2)
	void brokerKilledForThirtySeconds() {
		brokerKilled("2", Duration.ofSeconds(30));
	}

	@Test
	@Order(3)
	void brokerKilledForTenMinutes() {
		assumeTrue(!this.scale.longBrokerOutage().isZero(), "the long broker outage runs at full scale");
		brokerKilled("2b", this.scale.longBrokerOutage());
	}

	private void brokerKilled(String number, Duration outage) {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s" + number + "_broker_killed")) {
			run.start("a", plan(rateSpanning(outage)));
			run.awaitPublished(0.15);
			long publishedAtKill = run.published();
			long publishedDuringOutage;
			long pendingAtRestart;
			Recovery recovery;
			this.cluster.broker().kill();
			try {
				Pause.of(outage);
				pendingAtRestart = run.pendingInOutbox();
				publishedDuringOutage = run.published() - publishedAtKill;
				recovery = run.faultEnded();
			}
			finally {
				this.cluster.broker().start();
			}
			finish(run, "2. Broker killed (`kill -9`) for " + describe(outage) + " while publishing, restarted",
					recovery, "%d events committed during the outage; %d rows pending at the restart"
						.formatted(publishedDuringOutage, pendingAtRestart));
			assertThat(publishedDuringOutage).as("events committed while the broker was down").isPositive();
			assertThat(pendingAtRestart).as("rows pending when the broker came back").isPositive();
		}
	}

	@Test
	@Order(4)
	void databaseStoppedForFifteenSeconds() {
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s3_database_stopped")) {
			run.start("c", Plan.consumerOnly(), "chaos.handle-time=" + handleTimeBelowTheRate().toNanos() + "ns",
					"chaos.slow-before=" + this.scale.events() * 2 / 5);
			run.awaitHandlerAssigned();
			AppInstance publisher = run.start("p", plan(this.scale.rate()).publishOnly());
			run.awaitPublished(0.2);
			run.awaitHandled(0.05);
			long publishedAtStop = run.published();
			long backlogAtStop = publishedAtStop - run.handled();
			long failuresBefore = FaultWindows.linesContaining(publisher.log(), ChaosDriver.PUBLISH_FAILED);
			this.cluster.postgres().stop();
			try {
				Pause.of(Duration.ofSeconds(15));
			}
			finally {
				this.cluster.postgres().start();
			}
			Recovery recovery = run.faultEnded();
			long failedPublishes = FaultWindows.linesContaining(publisher.log(), ChaosDriver.PUBLISH_FAILED)
					- failuresBefore;
			finish(run, "3. Database stopped for 15 s while publishing and consuming, restarted", recovery,
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
			long victimsUnsent = FaultWindows.unsentOf(run, "b");
			Recovery takeover = run.faultEnded();
			double takeoverSeconds = run.awaitRecovered(takeover, TIMEOUT);
			long victimsRelayedByOthers = victimsUnsent - FaultWindows.unsentOf(run, "b");
			victim.start();
			finish(run, "4. Three instances on one database and group, one killed (`kill -9`) mid-stream; "
					+ "recovery by the other two", takeoverSeconds, null,
					"%d of the killed instance's rows unsent at the kill, %d relayed by the others"
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
			long killAt = (long) (run.plannedCommits() * 0.3);
			run.start("c", Plan.consumerOnly(), "chaos.kill-after-handled=" + killAt).awaitExit(TIMEOUT);
			long appliedNotCommitted = FaultWindows.appliedButNotCommitted(run);
			Recovery recovery = run.faultEnded();
			run.start("c", Plan.consumerOnly());
			finish(run, "5. Consumer killed (`kill -9`) between its handler's commit and its offset commit", recovery,
					"killed after applying %,d events; %d of them applied but their offsets not committed"
						.formatted(killAt, appliedNotCommitted));
			assertThat(appliedNotCommitted).as("events applied whose offsets were not committed").isPositive();
		}
	}

	@Test
	@Order(7)
	void brokerFrozenForOneMinute() {
		assumeTrue(this.scale.full(), "freezes run at full scale");
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s6a_broker_frozen")) {
			run.start("a", plan(this.scale.rate() / 2));
			run.awaitPublished(0.15);
			long publishedAtFreeze = run.published();
			long pendingAtThaw;
			long publishedDuringFreeze;
			Recovery recovery;
			this.cluster.broker().pause();
			try {
				Pause.of(Duration.ofMinutes(1));
				pendingAtThaw = run.pendingInOutbox();
				publishedDuringFreeze = run.published() - publishedAtFreeze;
				recovery = run.faultEnded();
			}
			finally {
				this.cluster.broker().resume();
			}
			finish(run, "6a. Broker frozen (`kill -STOP`) for 1 min while publishing, thawed", recovery,
					"%d events committed during the freeze; %d rows pending at the thaw"
						.formatted(publishedDuringFreeze, pendingAtThaw));
			assertThat(publishedDuringFreeze).as("events committed while the broker was frozen").isPositive();
			assertThat(pendingAtThaw).as("rows pending when the broker thawed").isPositive();
		}
	}

	@Test
	@Order(8)
	void instanceFrozenPastItsLease() {
		assumeTrue(this.scale.full(), "freezes run at full scale");
		try (ScenarioRun run = new ScenarioRun(this.cluster, "s6b_instance_frozen")) {
			Plan half = new Plan(this.scale.events() / 2, this.scale.keys() / 2, this.scale.rate() / 2, true);
			long freezeAt = (long) (half.commits() * 0.3);
			AppInstance zombie = run.start("a", half, producerFault(ProducerFaults.FREEZE_AT_SEND, freezeAt));
			run.start("b", half);
			zombie.awaitFrozen(TIMEOUT);
			long zombiesUnsentAtFreeze;
			long zombiesUnsentAtThaw;
			Recovery recovery;
			try {
				zombiesUnsentAtFreeze = FaultWindows.unsentOf(run, "a");
				Pause.of(LEASE_DURATION.plusSeconds(15));
				zombiesUnsentAtThaw = FaultWindows.unsentOf(run, "a");
				recovery = run.faultEnded();
			}
			finally {
				zombie.resume();
			}
			Verdict verdict = finish(run, "6b. Instance frozen (`SIGSTOP`) for 45 s, past its 30 s lease, in the "
					+ "middle of a send, then thawed beside a second instance", recovery,
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

	/**
	 * Wait for recovery from the fault, then {@link #finish(ScenarioRun, String, double, AssertionError, String)
	 * finish}.
	 */
	private Verdict finish(ScenarioRun run, String scenario, Recovery recovery, String window) {
		double recoverySeconds;
		try {
			recoverySeconds = run.awaitRecovered(recovery, TIMEOUT);
		}
		catch (AssertionError ex) {
			return finish(run, scenario, Double.NaN, ex, window);
		}
		return finish(run, scenario, recoverySeconds, null, window);
	}

	/**
	 * Wait for every plan to be published, applied and consumed to the end of the topic, stop the
	 * instances, then count. The row is reported even when waiting failed.
	 */
	private Verdict finish(ScenarioRun run, String scenario, double recoverySeconds,
			@Nullable AssertionError recoveryFailure, String window) {
		AssertionError unfinished = recoveryFailure;
		if (unfinished == null) {
			try {
				run.awaitDrained(TIMEOUT);
				run.awaitConsumed(TIMEOUT);
			}
			catch (AssertionError ex) {
				unfinished = ex;
			}
		}
		run.stopInstances();
		Verdict verdict = run.verify();
		this.report.add(new ScenarioResult(scenario, verdict, recoverySeconds, window));
		if (unfinished != null) {
			throw unfinished;
		}
		assertThat(verdict.holds()).as("%s: %s", scenario, verdict).isTrue();
		assertThat(verdict.committed()).as("committed events").isEqualTo(run.plannedCommits());
		assertThat(verdict.rolledBack()).as("rolled-back transactions").isPositive();
		return verdict;
	}

	private Plan plan(int rate) {
		return new Plan(this.scale.events(), this.scale.keys(), rate, true);
	}

	/**
	 * A handler's time per event that keeps a consumer at nine tenths of the publishing rate: its
	 * backlog grows from the first event, so that a fault early in the plan finds events
	 * published and not yet handled however fast the machine. Past the first two fifths of the
	 * plan the handler takes no extra time, and the consumer catches up.
	 */
	private Duration handleTimeBelowTheRate() {
		return Duration.ofSeconds(10).dividedBy(9L * this.scale.rate());
	}

	/**
	 * A publishing rate at which the plan outlasts an outage by half.
	 */
	private int rateSpanning(Duration outage) {
		return (int) Math.max(20, Math.min(this.scale.rate(), this.scale.events() * 2 / (outage.toSeconds() * 3)));
	}

	private long scenarioCount() {
		return Arrays.stream(getClass().getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(Test.class))
			.count();
	}

	private static String[] producerFault(String fault, long atRecord) {
		return new String[] { "spring.kafka.producer.properties.interceptor.classes=" + ProducerFaults.class.getName(),
				"spring.kafka.producer.properties." + fault + "=" + atRecord };
	}

	private static int divideRoundingUp(int dividend, int divisor) {
		return (dividend + divisor - 1) / divisor;
	}

	private static String describe(Duration outage) {
		return (outage.toMinutes() > 0) ? outage.toMinutes() + " min" : outage.toSeconds() + " s";
	}

}
