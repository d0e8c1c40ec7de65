package dev.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What waits in the outbox at one moment.
 *
 * @param pending events not yet sent
 * @param oldestPending when the oldest pending event was published (or republished), if any
 * @param parked events the relay gave up on
 */
public record OutboxBacklog(long pending, @Nullable OffsetDateTime oldestPending, long parked) {

	/**
	 * Return how long the oldest pending event has waited.
	 * @param now the current time
	 * @return its age, zero when nothing is pending
	 */
	public Duration oldestPendingAge(Instant now) {
		if (this.oldestPending == null) {
			return Duration.ZERO;
		}
		Duration age = Duration.between(this.oldestPending.toInstant(), now);
		return age.isNegative() ? Duration.ZERO : age;
	}

}
