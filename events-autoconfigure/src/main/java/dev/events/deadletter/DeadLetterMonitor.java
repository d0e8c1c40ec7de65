package dev.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts the live dead letters by handler and reason for health checks and gauges, at most once
 * per {@code cacheDuration}, so frequent probes and scrapes do not load the database.
 */
public class DeadLetterMonitor {

	private final DeadLetterStore store;

	private final Duration cacheDuration;

	private final Clock clock;

	private @Nullable Map<String, Map<String, Long>> counts;

	private Instant readAt = Instant.MIN;

	/**
	 * Create a monitor.
	 * @param store the dead letters
	 * @param cacheDuration how long a count is reused
	 * @param clock the clock
	 */
	public DeadLetterMonitor(DeadLetterStore store, Duration cacheDuration, Clock clock) {
		this.store = store;
		this.cacheDuration = cacheDuration;
		this.clock = clock;
	}

	/**
	 * Return the live dead letters by handler id and reason, counted again once the last count
	 * is older than the cache duration.
	 * @return the counts; handlers without dead letters are absent
	 */
	public synchronized Map<String, Map<String, Long>> counts() {
		Instant now = this.clock.instant();
		if (this.counts == null || !now.isBefore(this.readAt.plus(this.cacheDuration))) {
			this.counts = this.store.countByHandlerAndReason();
			this.readAt = now;
		}
		return this.counts;
	}

	/**
	 * Return the live dead letters of a handler with a reason, by the current counts.
	 * @param handlerId the handler
	 * @param reason the reason
	 * @return how many there are
	 */
	public long count(String handlerId, String reason) {
		return counts().getOrDefault(handlerId, Map.of()).getOrDefault(reason, 0L);
	}

}
