package dev.events.inbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event a handler receives, as the inbox records it: the event's identity and the time of the
 * Kafka record that carried it, by which a replay finds the entries of a time range.
 *
 * @param key the event's source and id
 * @param recordTime the record's timestamp, {@code null} when the record has none
 */
public record InboxEntry(EventKey key, @Nullable Instant recordTime) {

}
