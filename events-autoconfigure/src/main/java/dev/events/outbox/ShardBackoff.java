package dev.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds back shards whose head event failed to send, with exponential backoff, so that a
 * failing key delays its own shard and not the others.
 */
final class ShardBackoff {

	private final Duration initial;

	private final Duration max;

	private final Map<Integer, Instant> blockedUntil = new HashMap<>();

	ShardBackoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
	}

	void block(int shard, int failedAttempts, Instant now) {
		this.blockedUntil.merge(shard, now.plus(delayAfter(failedAttempts)), (a, b) -> a.isAfter(b) ? a : b);
	}

	Duration delayAfter(int failedAttempts) {
		int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
		Duration delay = this.initial.multipliedBy(1L << doublings);
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

	Set<Integer> available(Set<Integer> shards, Instant now) {
		this.blockedUntil.values().removeIf((until) -> !until.isAfter(now));
		return shards.stream().filter((shard) -> !this.blockedUntil.containsKey(shard)).collect(Collectors.toSet());
	}

}
