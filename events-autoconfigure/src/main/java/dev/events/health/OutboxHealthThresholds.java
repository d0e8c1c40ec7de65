package dev.events.health;

import java.time.Duration;

/**
 * When the outbox backlog makes {@code events} health {@code DEGRADED} or {@code DOWN}.
 *
 * @param warningAge oldest pending event age from which health is degraded
 * @param criticalAge oldest pending event age from which health is down
 * @param warningPending pending events from which health is degraded
 * @param criticalPending pending events from which health is down
 */
public record OutboxHealthThresholds(Duration warningAge, Duration criticalAge, long warningPending,
		long criticalPending) {

}
