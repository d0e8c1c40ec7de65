package dev.events.outbox;

import dev.events.publish.OutboundEvent;

/**
 * An event waiting in the outbox.
 *
 * @param sequence the position in the outbox; the relay sends each shard in this order
 * @param shard the shard, derived from the partition key
 * @param attempts how many sends have failed so far
 * @param event the event
 */
public record OutboxEntry(long sequence, int shard, int attempts, OutboundEvent event) {

}
