package dev.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds back shards whose head event failed to send, with exponential backoff over the
 * shard's consecutive failed rounds, so that a failing key delays its own shard and not the
 * others. A round that sends the shard's head resets it.
 */
final class ShardBackoff {

	private final Duration initial;

	private final Duration max;

	private final Map<Integer, Integer> failedRounds = new HashMap<>();

	private final Map<Integer, Instant> blockedUntil = new HashMap<>();

	ShardBackoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
	}

	/**
	 * Record a failed round of a shard and hold it back.
	 * @param shard the shard
	 * @param now the current time
	 * @return how long the shard is held back
	 */
	Duration failed(int shard, Instant now) {
		int rounds = this.failedRounds.merge(shard, 1, Integer::sum);
		Duration delay = delayAfter(rounds);
		this.blockedUntil.put(shard, now.plus(delay));
		return delay;
	}

	/**
	 * Record that a shard sent its head event, so its next failure starts the backoff anew.
	 * @param shard the shard
	 */
	void succeeded(int shard) {
		this.failedRounds.remove(shard);
	}

	Duration delayAfter(int failedRounds) {
		int doublings = Math.min(Math.max(failedRounds - 1, 0), 30);
		Duration delay = this.initial.multipliedBy(1L << doublings);
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

	Set<Integer> available(Set<Integer> shards, Instant now) {
		this.blockedUntil.values().removeIf((until) -> !until.isAfter(now));
		return shards.stream().filter((shard) -> !this.blockedUntil.containsKey(shard)).collect(Collectors.toSet());
	}

}
