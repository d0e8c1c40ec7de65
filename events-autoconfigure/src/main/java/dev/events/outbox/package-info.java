/**
 * The transactional outbox: events stored with the business data, and the relay that sends
 * them to Kafka in order per shard, with shards leased among instances.
 */
@NullMarked
package dev.events.outbox;

import org.jspecify.annotations.NullMarked;
