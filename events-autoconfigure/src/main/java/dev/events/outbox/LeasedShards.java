package dev.events.outbox;

import java.util.Set;

/**
 * The shards one relay instance holds leases on, as of its last renewal. The outbox store
 * checks them again in the database when the relay claims or completes events, so an instance
 * that lost a lease can neither read nor complete that shard's events.
 *
 * @param owner the instance id
 * @param shardCount the number of shards the database currently divides the outbox into
 * @param shards the shards this instance leases, each below {@code shardCount}
 */
public record LeasedShards(String owner, int shardCount, Set<Integer> shards) {

	/**
	 * Leases of an instance that holds none.
	 * @param owner the instance id
	 * @return no shards
	 */
	public static LeasedShards none(String owner) {
		return new LeasedShards(owner, 0, Set.of());
	}

	/**
	 * Return these leases narrowed to the given shards, for example those not backing off.
	 * @param subset the shards to keep
	 * @return the narrowed leases
	 */
	public LeasedShards only(Set<Integer> subset) {
		return new LeasedShards(this.owner, this.shardCount, Set.copyOf(subset));
	}

}
