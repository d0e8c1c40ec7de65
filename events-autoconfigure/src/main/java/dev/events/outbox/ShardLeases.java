package dev.events.outbox;

import java.util.Map;
import java.util.Set;

/**
 * Shares the outbox shards among the relay instances: each shard is drained by at most one
 * instance at a time, and the shards spread evenly over the live instances. Leases expire in
 * database time, so instance clocks do not matter.
 */
public interface ShardLeases {

	/**
	 * Renew this instance's leases, take its fair share of free or expired shards and give up
	 * shards beyond that share, except busy ones; when the shard count is being changed, give up
	 * every shard that is not busy instead, and apply the change once no instance holds one.
	 * @param busy shards with sends in flight, which must not be given up yet
	 * @return the shards this instance leases now
	 */
	LeasedShards refresh(Set<Integer> busy);

	/**
	 * Give up every shard of this instance, for example on shutdown.
	 */
	void releaseAll();

	/**
	 * Return which instance leases each shard now, for operators.
	 * @return the owner of each shard with a live lease, by shard; free and expired shards are
	 * absent
	 */
	Map<Integer, String> owners();

}
