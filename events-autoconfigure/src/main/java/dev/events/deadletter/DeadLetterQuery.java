package dev.events.deadletter;

import org.jspecify.annotations.Nullable;

/**
 * Which live dead letters to list, and which page of them.
 *
 * @param handlerId only those of this handler, or {@code null} for every handler
 * @param key only those of this key, or {@code null} for every key
 * @param reason only those with this reason, or {@code null} for every reason
 * @param page the page, from 0
 * @param size the most dead letters on a page
 */
public record DeadLetterQuery(@Nullable String handlerId, @Nullable String key, @Nullable String reason, int page,
		int size) {

}
