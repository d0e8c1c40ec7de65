package dev.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link OutboxBacklog} for health checks and gauges, at most once per
 * {@code cacheDuration}, so frequent probes and scrapes do not load the database.
 */
public class OutboxMonitor {

	private final OutboxStore store;

	private final Duration cacheDuration;

	private final Clock clock;

	private @Nullable OutboxBacklog backlog;

	private Instant readAt = Instant.MIN;

	/**
	 * Create a monitor.
	 * @param store the outbox
	 * @param cacheDuration how long a reading is reused
	 * @param clock the clock
	 */
	public OutboxMonitor(OutboxStore store, Duration cacheDuration, Clock clock) {
		this.store = store;
		this.cacheDuration = cacheDuration;
		this.clock = clock;
	}

	/**
	 * Return the current backlog, read again once the last reading is older than the cache
	 * duration.
	 * @return the backlog
	 */
	public synchronized OutboxBacklog backlog() {
		Instant now = this.clock.instant();
		if (this.backlog == null || !now.isBefore(this.readAt.plus(this.cacheDuration))) {
			this.backlog = this.store.backlog();
			this.readAt = now;
		}
		return this.backlog;
	}

	/**
	 * Return how long the oldest pending event has waited, by the current backlog.
	 * @return its age
	 */
	public Duration oldestPendingAge() {
		return backlog().oldestPendingAge(this.clock.instant());
	}

}
