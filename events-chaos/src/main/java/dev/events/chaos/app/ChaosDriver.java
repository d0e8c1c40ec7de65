package dev.events.chaos.app;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.events.publish.EventPublisher;

/**
 * Publishes this instance's plan, one event per transaction, recording each committed event in
 * {@code chaos_published} in the same transaction and each rolled-back one in
 * {@code chaos_rolled_back} after it. A restarted instance resumes after its last committed
 * event; when the database fails mid-commit, the driver asks it again whether the event got in.
 */
@Component
public class ChaosDriver implements ApplicationRunner {

	/** What the driver logs when a transaction fails, such as while the database is down. */
	public static final String PUBLISH_FAILED = "failed, asking the database where to resume";

	private static final Log logger = LogFactory.getLog(ChaosDriver.class);

	private static final long RETRY_PAUSE_MILLIS = 200;

	private final ChaosProperties plan;

	private final EventPublisher publisher;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	ChaosDriver(ChaosProperties plan, EventPublisher publisher, TransactionTemplate transactions, JdbcClient jdbc) {
		this.plan = plan;
		this.publisher = publisher;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.plan.events() > 0) {
			Thread driver = new Thread(this::publishPlan, "chaos-driver");
			driver.start();
		}
	}

	private void publishPlan() {
		long n = resumePoint();
		long started = System.nanoTime();
		long sent = 0;
		while (n < this.plan.events()) {
			try {
				publish(n);
				n++;
				sent++;
				throttle(started, sent);
			}
			catch (RuntimeException ex) {
				logger.warn("Publishing event " + n + " " + PUBLISH_FAILED + ": " + ex);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS));
				n = resumePoint();
			}
		}
		logger.info("Published the plan of " + this.plan.events() + " events");
	}

	private void publish(long n) {
		ChaosEvent event = this.plan.event(n);
		if (!this.plan.rolledBack(n)) {
			this.transactions.executeWithoutResult((status) -> record(this.publisher.publish(event), event));
			return;
		}
		UUID[] published = new UUID[1];
		this.transactions.executeWithoutResult((status) -> {
			published[0] = this.publisher.publish(event);
			status.setRollbackOnly();
		});
		this.jdbc.sql("INSERT INTO chaos_rolled_back (event_id, instance, n) VALUES (?, ?, ?)")
			.params(published[0], event.instance(), event.n())
			.update();
	}

	private void record(UUID eventId, ChaosEvent event) {
		this.jdbc.sql("INSERT INTO chaos_published (event_id, instance, n, chaos_key, seq) VALUES (?, ?, ?, ?, ?)")
			.params(eventId, event.instance(), event.n(), event.key(), event.seq())
			.update();
	}

	private long resumePoint() {
		while (true) {
			try {
				return this.jdbc.sql("SELECT COALESCE(MAX(n) + 1, 0) FROM chaos_published WHERE instance = ?")
					.param(this.plan.instance())
					.query(Long.class)
					.single();
			}
			catch (RuntimeException ex) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS));
			}
		}
	}

	private void throttle(long started, long sent) {
		if (this.plan.rate() > 0) {
			long due = started + TimeUnit.SECONDS.toNanos(sent) / this.plan.rate();
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
	}

}
