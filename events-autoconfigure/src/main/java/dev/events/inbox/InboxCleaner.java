package dev.events.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.events.jdbc.PeriodicTask;

/**
 * Keeps the inbox bounded: deletes rows older than the retention at a fixed interval, oldest
 * first in bounded batches, each in a transaction of its own, so that a cleanup of millions of
 * rows never holds their locks at once. The retention must outlast any redelivery, so an event
 * is never handled twice.
 */
public class InboxCleaner extends PeriodicTask {

	private static final Log logger = LogFactory.getLog(InboxCleaner.class);

	/**
	 * How many times as long as a batch took the cleaner pauses before the next one.
	 */
	private static final int PAUSE_PER_BATCH = 3;

	private final InboxStore store;

	private final Duration retention;

	private final int batchSize;

	private final Clock clock;

	/**
	 * Create a cleaner.
	 * @param store the inbox
	 * @param retention how long rows are kept
	 * @param interval how often old rows are deleted
	 * @param batchSize the most rows one statement deletes
	 * @param clock the clock
	 */
	public InboxCleaner(InboxStore store, Duration retention, Duration interval, int batchSize, Clock clock) {
		super("events-inbox-cleaner", "delete old inbox rows", interval);
		this.store = store;
		this.retention = retention;
		this.batchSize = batchSize;
		this.clock = clock;
	}

	/**
	 * Delete rows older than the retention now, batch after batch until none are left or the
	 * cleaner's thread is interrupted. After each full batch it pauses {@value #PAUSE_PER_BATCH}
	 * times as long as the batch took, so that a large cleanup takes at most a quarter of the
	 * database's time from the handlers while still deleting far faster than they insert.
	 * @return the number of deleted rows
	 */
	public int cleanUp() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		int deleted = 0;
		int batch;
		do {
			long started = System.nanoTime();
			batch = this.store.deleteReceivedBefore(cutoff, this.batchSize);
			deleted += batch;
			if (batch == this.batchSize) {
				pause(PAUSE_PER_BATCH * (System.nanoTime() - started));
			}
		}
		while (batch == this.batchSize && !Thread.currentThread().isInterrupted());
		return deleted;
	}

	private static void pause(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	protected void runOnce() {
		int deleted = cleanUp();
		if (deleted > 0 && logger.isDebugEnabled()) {
			logger.debug("Deleted " + deleted + " inbox rows older than " + this.retention);
		}
	}

}
