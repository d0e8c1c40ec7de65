package dev.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes discarded dead letters once they are older than the retention, at a fixed interval, in
 * batches of a transaction each. Live dead letters are never deleted: they wait for a retry or a
 * discard.
 */
public class DeadLetterCleaner implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DeadLetterCleaner.class);

	private static final int BATCH_SIZE = 1000;

	private final DeadLetterStore store;

	private final Duration retention;

	private final Duration interval;

	private final Clock clock;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a cleaner.
	 * @param store the dead letters
	 * @param retention how long discarded dead letters are kept
	 * @param interval how often they are deleted
	 * @param clock the clock
	 */
	public DeadLetterCleaner(DeadLetterStore store, Duration retention, Duration interval, Clock clock) {
		this.store = store;
		this.retention = retention;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Delete the dead letters discarded longer ago than the retention now.
	 * @return how many were deleted
	 */
	public int cleanUp() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = 0;
		int batch;
		do {
			batch = this.store.deleteDiscardedBefore(cutoff, BATCH_SIZE);
			deleted += batch;
		}
		while (batch == BATCH_SIZE);
		return deleted;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "events-dead-letter-cleaner");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::cleanUpQuietly, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	private void cleanUpQuietly() {
		try {
			int deleted = cleanUp();
			if (deleted > 0) {
				logger.info("Deleted " + deleted + " dead letters discarded more than " + this.retention + " ago");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete discarded dead letters; trying again in " + this.interval, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
