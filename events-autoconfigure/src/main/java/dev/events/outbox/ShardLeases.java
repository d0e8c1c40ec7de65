package dev.events.outbox;

import java.util.Set;

/**
 * Shares the outbox shards among the relay instances: each shard is drained by at most one
 * instance at a time, and the shards spread evenly over the live instances.
 */
public interface ShardLeases {

	/**
	 * Renew this instance's leases, take its fair share of free or expired shards and give up
	 * shards beyond that share.
	 * @return the shards this instance owns until its next refresh is due
	 */
	Set<Integer> refresh();

	/**
	 * Give up every shard of this instance, for example on shutdown.
	 */
	void releaseAll();

}
