package dev.events.outbox;

import java.util.Map;

/**
 * What the {@link OutboxRelay} of this instance is doing, for health checks.
 *
 * @param running whether its thread runs and relays
 * @param leasedShards how many shards it leases
 * @param failingTopics the topics whose last send failed in a way waiting may fix, with the
 * failure: the broker is unreachable, the topic does not exist yet, too few in-sync replicas
 */
public record RelayState(boolean running, int leasedShards, Map<String, String> failingTopics) {

}
