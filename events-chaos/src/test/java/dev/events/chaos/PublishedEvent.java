package dev.events.chaos;

/**
 * An event the driver committed: its key and its place among the key's events.
 *
 * @param key the partition key
 * @param seq its position among its key's events, in publish order
 */
record PublishedEvent(String key, long seq) {
}
