package dev.events.support;

import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Picks partition keys by the outbox shard they fall in, to set up tests where some shards
 * fail and others do not.
 */
public final class Shards {

	private Shards() {
	}

	public static int of(String key, int shards) {
		return Math.floorMod(key.hashCode(), shards);
	}

	public static Set<String> keys(String prefix, int count, int shards, IntPredicate shardFilter) {
		return IntStream.iterate(0, (i) -> i + 1)
			.mapToObj((i) -> prefix + i)
			.filter((key) -> shardFilter.test(of(key, shards)))
			.limit(count)
			.collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
	}

}
