package dev.events.benchmarks.store;

import dev.events.type.DomainEvent;

/**
 * The event the store benchmarks append: about 300 bytes of JSON, like the other benchmarks'.
 *
 * @param amount what the tally grows by
 * @param note padding to the event's size
 */
@DomainEvent(type = "dev.events.benchmarks.Tallied", topic = StoreBenchmarkApplication.TOPIC)
record Tallied(long amount, String note) {

}
