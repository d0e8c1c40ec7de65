package dev.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.events.consume.EventHandlers;
import dev.events.jdbc.PeriodicTask;

/**
 * Retries dead letters by itself, for failures that pass with time (a downstream service back, a
 * row another event creates): each sequence, from its head, once the head's last failure is
 * older than its backoff, which starts at the initial backoff and doubles with every retry that
 * failed, up to the maximum. Instances may run it side by side: retries of one sequence take
 * turns on its lock.
 */
public class DeadLetterAutoRetry extends PeriodicTask {

	private static final Log logger = LogFactory.getLog(DeadLetterAutoRetry.class);

	private final DeadLetters deadLetters;

	private final DeadLetterStore store;

	private final EventHandlers handlers;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Clock clock;

	/**
	 * Create the automatic retry.
	 * @param deadLetters retries the dead letters
	 * @param store reads them
	 * @param handlers the handlers whose dead letters are retried
	 * @param initialBackoff how old a dead letter's last failure must be before its first retry
	 * @param maxBackoff the longest wait between retries
	 * @param interval how often dead letters are looked at
	 * @param clock the clock
	 */
	public DeadLetterAutoRetry(DeadLetters deadLetters, DeadLetterStore store, EventHandlers handlers,
			Duration initialBackoff, Duration maxBackoff, Duration interval, Clock clock) {
		super("events-dead-letter-retry", "retry dead letters", interval);
		this.deadLetters = deadLetters;
		this.store = store;
		this.handlers = handlers;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.clock = clock;
	}

	/**
	 * Retry every dead letter whose backoff has passed, now.
	 * @return what the retries did
	 */
	public RetryResult retryDue() {
		RetryResult result = RetryResult.NOTHING;
		Instant now = this.clock.instant();
		for (String handlerId : this.handlers.ids()) {
			for (String key : this.store.heldKeys(handlerId)) {
				DeadLetter head = this.store.head(handlerId, key).orElse(null);
				if (head == null || isDue(head, now)) {
					result = result.plus(this.deadLetters.retrySequence(handlerId, key));
				}
			}
			for (Long id : this.store.unsequenced(handlerId)) {
				DeadLetter deadLetter = this.store.find(id).orElse(null);
				if (deadLetter != null && isDue(deadLetter, now)) {
					result = result.plus(this.deadLetters.retryAlone(id));
				}
			}
		}
		return result;
	}

	private boolean isDue(DeadLetter deadLetter, Instant now) {
		return !now.isBefore(deadLetter.lastFailedAt().plus(backoff(deadLetter.retries())));
	}

	private Duration backoff(int retries) {
		Duration backoff = this.initialBackoff;
		for (int i = 0; i < retries && backoff.compareTo(this.maxBackoff) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

	@Override
	protected void runOnce() {
		RetryResult result = retryDue();
		if (result.handled() > 0 || !result.stillFailing().isEmpty()) {
			logger.info("Retried dead letters: %d handled, %d still failing".formatted(result.handled(),
					result.stillFailing().size()));
		}
	}

}
