package dev.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.events.jdbc.PeriodicTask;

/**
 * Deletes discarded dead letters once they are older than the retention, at a fixed interval, in
 * batches of a transaction each. Live dead letters are never deleted: they wait for a retry or a
 * discard.
 */
public class DeadLetterCleaner extends PeriodicTask {

	private static final Log logger = LogFactory.getLog(DeadLetterCleaner.class);

	private static final int BATCH_SIZE = 1000;

	private final DeadLetterStore store;

	private final Duration retention;

	private final Clock clock;

	/**
	 * Create a cleaner.
	 * @param store the dead letters
	 * @param retention how long discarded dead letters are kept
	 * @param interval how often they are deleted
	 * @param clock the clock
	 */
	public DeadLetterCleaner(DeadLetterStore store, Duration retention, Duration interval, Clock clock) {
		super("events-dead-letter-cleaner", "delete discarded dead letters", interval);
		this.store = store;
		this.retention = retention;
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
	protected void runOnce() {
		int deleted = cleanUp();
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " dead letters discarded more than " + this.retention + " ago");
		}
	}

}
