package dev.events.autoconfigure;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * Checks {@link EventsProperties} when they are bound, so that settings that cannot work fail at
 * startup naming the property, through Boot's binding validation, with or without a Bean
 * Validation provider.
 */
final class EventsPropertiesValidator {

	private final EventsProperties properties;

	private final Errors errors;

	private EventsPropertiesValidator(EventsProperties properties, Errors errors) {
		this.properties = properties;
		this.errors = errors;
	}

	static void validate(EventsProperties properties, Errors errors) {
		new EventsPropertiesValidator(properties, errors).validate();
	}

	private void validate() {
		EventsProperties.Outbox outbox = this.properties.getOutbox();
		EventsProperties.Relay relay = outbox.getRelay();
		atLeastOne("outbox.shards", outbox.getShards());
		positive("outbox.cleanupInterval", outbox.getCleanupInterval());
		atLeastOne("outbox.cleanupBatchSize", outbox.getCleanupBatchSize());
		positive("outbox.backlogRefreshInterval", outbox.getBacklogRefreshInterval());
		atLeastOne("outbox.relay.batchSize", relay.getBatchSize());
		atLeastOne("outbox.relay.maxAttempts", relay.getMaxAttempts());
		positive("outbox.relay.pollInterval", relay.getPollInterval());
		positive("outbox.relay.leaseRefreshInterval", relay.getLeaseRefreshInterval());
		if (relay.getLeaseRefreshInterval().compareTo(relay.getLeaseDuration()) >= 0) {
			reject("outbox.relay.leaseRefreshInterval",
					"must be shorter than events.outbox.relay.lease-duration, or leases expire between renewals");
		}
		positive("outbox.relay.initialBackoff", relay.getInitialBackoff());
		atMost("outbox.relay.initialBackoff", relay.getInitialBackoff(), relay.getMaxBackoff(),
				"events.outbox.relay.max-backoff");
		EventsProperties.Handlers handlers = this.properties.getHandlers();
		EventsProperties.Retry retry = handlers.getRetry();
		atLeastOne("handlers.concurrency", handlers.getConcurrency());
		atLeastOne("handlers.retry.maxAttempts", retry.getMaxAttempts());
		atMost("handlers.retry.initialInterval", retry.getInitialInterval(), retry.getMaxInterval(),
				"events.handlers.retry.max-interval");
		if (retry.getMultiplier() < 1.0) {
			reject("handlers.retry.multiplier", "must be at least 1, or waits shrink");
		}
		EventsProperties.Conflicts conflicts = retry.getConflicts();
		atLeastOne("handlers.retry.conflicts.maxAttempts", conflicts.getMaxAttempts());
		atMost("handlers.retry.conflicts.initialInterval", conflicts.getInitialInterval(),
				conflicts.getMaxInterval(), "events.handlers.retry.conflicts.max-interval");
		positive("handlers.inbox.retention", handlers.getInbox().getRetention());
		positive("handlers.inbox.cleanupInterval", handlers.getInbox().getCleanupInterval());
		atLeastOne("handlers.inbox.cleanupBatchSize", handlers.getInbox().getCleanupBatchSize());
		notNegative("handlers.inbox.offsetCommitInterval", handlers.getInbox().getOffsetCommitInterval());
		positive("handlers.pauseCheckInterval", handlers.getPauseCheckInterval());
		positive("handlers.replay.retention", handlers.getReplay().getRetention());
		positive("handlers.deadLetters.retention", handlers.getDeadLetters().getRetention());
		positive("handlers.deadLetters.cleanupInterval", handlers.getDeadLetters().getCleanupInterval());
		EventsProperties.AutoRetry autoRetry = handlers.getDeadLetters().getAutoRetry();
		positive("handlers.deadLetters.autoRetry.initialBackoff", autoRetry.getInitialBackoff());
		atMost("handlers.deadLetters.autoRetry.initialBackoff", autoRetry.getInitialBackoff(),
				autoRetry.getMaxBackoff(), "events.handlers.dead-letters.auto-retry.max-backoff");
		positive("handlers.deadLetters.autoRetry.interval", autoRetry.getInterval());
		atLeastOne("store.readPageSize", this.properties.getStore().getReadPageSize());
		positive("health.deadLetters.cacheDuration", this.properties.getHealth().getDeadLetters().getCacheDuration());
		EventsProperties.Health.Outbox health = this.properties.getHealth().getOutbox();
		atMost("health.outbox.warningAge", health.getWarningAge(), health.getCriticalAge(),
				"events.health.outbox.critical-age");
		if (health.getWarningPending() > health.getCriticalPending()) {
			reject("health.outbox.warningPending", "must be at most events.health.outbox.critical-pending");
		}
		this.properties.getTopics().forEach((name, topic) -> {
			if (topic.getPartitions() < 1) {
				this.errors.rejectValue("topics[" + name + "].partitions", "events.invalid", "must be at least 1");
			}
		});
	}

	private void atLeastOne(String field, long value) {
		if (value < 1) {
			reject(field, "must be at least 1");
		}
	}

	private void positive(String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			reject(field, "must be longer than zero");
		}
	}

	private void notNegative(String field, Duration value) {
		if (value.isNegative()) {
			reject(field, "must not be negative");
		}
	}

	private void atMost(String field, Duration value, Duration maximum, String maximumProperty) {
		if (value.compareTo(maximum) > 0) {
			reject(field, "must be at most " + maximumProperty);
		}
	}

	private void reject(String field, String reason) {
		this.errors.rejectValue(field, "events.invalid", reason);
	}

}
