package dev.events.inbox;

/**
 * What makes a CloudEvent unique: its source and its id together. Two producers may use the
 * same id; the inbox tells their events apart by source.
 *
 * @param source the CloudEvent source
 * @param id the CloudEvent id
 */
public record EventKey(String source, String id) {

}
