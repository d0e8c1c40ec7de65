package dev.events.replay;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A replay of one handler's records from a time, and up to one if given.
 *
 * @param id the request's id
 * @param handlerId the handler
 * @param mode what happens to events the handler has already handled
 * @param from the earliest record time replayed, inclusive
 * @param to the record time the replay stops at, exclusive; {@code null} to replay up to the
 * records the handler had handled when the replay began
 * @param requestedAt when it was requested
 */
public record ReplayRequest(String id, String handlerId, ReplayMode mode, Instant from, @Nullable Instant to,
		Instant requestedAt) {

}
