package dev.events.outbox;

import java.time.Duration;

/**
 * How the {@link OutboxRelay} drains the outbox.
 *
 * @param batchSize the maximum number of events read and sent in one round
 * @param pollInterval how long the relay waits for new events before looking again
 * @param leaseDuration how long a shard lease lasts without renewal; also how long stopping
 * waits for a round that is still sending
 * @param leaseRefreshInterval how often shard leases are renewed and rebalanced, whatever the
 * relay is doing
 * @param maxAttempts failed sends that waiting cannot fix after which an event is parked
 * @param initialBackoff how long a shard waits after its first failed round
 * @param maxBackoff the longest a shard waits after failed rounds
 * @param retention how long sent events are kept; zero deletes them at once
 * @param cleanupInterval how often sent events older than the retention are deleted
 * @param cleanupBatchSize the most sent events deleted in one round; a cleanup that finds more
 * goes on in the next rounds, so relaying never waits for one long delete
 */
public record OutboxRelaySettings(int batchSize, Duration pollInterval, Duration leaseDuration,
		Duration leaseRefreshInterval, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		Duration retention, Duration cleanupInterval, int cleanupBatchSize) {

}
