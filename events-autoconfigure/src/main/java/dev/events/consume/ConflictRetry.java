package dev.events.consume;

import java.time.Duration;

/**
 * How handlers retry conflicts with other transactions (optimistic lock, lock or statement
 * timeout, deadlock, serialization failure): exponential backoff with jitter, for more attempts
 * than other failures get, before the record becomes a dead letter.
 *
 * @param maxAttempts deliveries, the first included, before the record becomes a dead letter
 * @param initialInterval the wait before the first retry; the jitter is half of it
 * @param maxInterval the longest wait between retries
 */
public record ConflictRetry(int maxAttempts, Duration initialInterval, Duration maxInterval) {

}
