package dev.events.outbox;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The hash an event is sharded by: that of its partition key, or of its id when it has none.
 * Stored with the event, so that instances agree on it whatever number of shards they use.
 */
final class KeyHash {

	private KeyHash() {
	}

	static int of(@Nullable String key, UUID eventId) {
		return (key != null) ? key.hashCode() : eventId.hashCode();
	}

}
