package dev.events.deadletter;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

import dev.events.consume.DeadLetterReasons;
import dev.events.consume.EventHandlers;

/**
 * Retries and discards handlers' dead letters, keeping each key's order.
 * <p>
 * A retry of a key's sequence handles its dead letters in order, each in a transaction of the
 * handler with its inbox row (an event handled before is skipped, not handled twice) and the
 * deletion of the dead letter, and stops at the first that fails again, which stays the head. Each
 * of those transactions first locks the key's sequence, as the handler's listener does before it
 * looks the key up: a record of the key arriving meanwhile waits, then joins the end of the
 * sequence, and is handled by the same retry.
 */
public class DeadLetters {

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private final DeadLetterStore store;

	private final EventHandlers handlers;

	private final Clock clock;

	/**
	 * Create the operations.
	 * @param store the dead letters
	 * @param handlers the handlers that handle them again
	 * @param clock the clock of failure and discard times
	 */
	public DeadLetters(DeadLetterStore store, EventHandlers handlers, Clock clock) {
		this.store = store;
		this.handlers = handlers;
		this.clock = clock;
	}

	/**
	 * Retry the sequence of a key of a handler, from its head.
	 * @param handlerId the handler
	 * @param key the key
	 * @return what the retry did
	 */
	public RetryResult retrySequence(String handlerId, String key) {
		int handled = 0;
		while (true) {
			Attempt attempt = attempt((status) -> {
				if (!this.store.lockSequence(handlerId, key)) {
					return null;
				}
				Optional<DeadLetter> head = this.store.head(handlerId, key);
				if (head.isEmpty()) {
					this.store.release(handlerId, key);
				}
				return head.orElse(null);
			});
			if (attempt == null) {
				return new RetryResult(handled, List.of());
			}
			if (attempt.failure() == null) {
				handled++;
			}
			else if (DeadLetterReasons.holdsKey(failedAgain(attempt))) {
				return new RetryResult(handled, List.of(attempt.deadLetter().id()));
			}
		}
	}

	/**
	 * Retry a dead letter: the sequence of its key from the head if it is in one, else the dead
	 * letter alone.
	 * @param id the dead letter's id
	 * @return what the retry did
	 */
	public RetryResult retry(long id) {
		DeadLetter deadLetter = this.store.find(id).orElse(null);
		if (deadLetter == null || deadLetter.discardedAt() != null) {
			return RetryResult.NOTHING;
		}
		if (deadLetter.key() != null && this.store.heldKeys(deadLetter.handlerId()).contains(deadLetter.key())) {
			return retrySequence(deadLetter.handlerId(), deadLetter.key());
		}
		return retryAlone(id);
	}

	/**
	 * Retry every dead letter of a handler: each sequence from its head, and those in none.
	 * @param handlerId the handler
	 * @return what the retry did
	 */
	public RetryResult retryAll(String handlerId) {
		RetryResult result = RetryResult.NOTHING;
		for (String key : this.store.heldKeys(handlerId)) {
			result = result.plus(retrySequence(handlerId, key));
		}
		for (Long id : this.store.unsequenced(handlerId)) {
			result = result.plus(retryAlone(id));
		}
		return result;
	}

	/**
	 * Discard a dead letter. A discarded head releases its key: the records behind it are
	 * handled, in order, until one fails.
	 * @param id the dead letter's id
	 * @return what handling the records behind it did
	 */
	public RetryResult discard(long id) {
		DeadLetter deadLetter = transactions().execute((status) -> {
			DeadLetter locked = this.store.lock(id).orElse(null);
			if (locked != null && locked.discardedAt() == null) {
				this.store.discard(List.of(id), this.clock.instant());
			}
			return locked;
		});
		if (deadLetter == null || deadLetter.discardedAt() != null || deadLetter.key() == null) {
			return RetryResult.NOTHING;
		}
		logger.info("Discarded dead letter %d of handler '%s' (%s at %s-%d@%d)".formatted(id, deadLetter.handlerId(),
				deadLetter.reason(), deadLetter.topic(), deadLetter.partition(), deadLetter.offset()));
		return retrySequence(deadLetter.handlerId(), deadLetter.key());
	}

	/**
	 * Discard the whole sequence of a key of a handler, releasing the key.
	 * @param handlerId the handler
	 * @param key the key
	 * @return how many dead letters were discarded
	 */
	public int discardSequence(String handlerId, String key) {
		Integer discarded = transactions().execute((status) -> {
			this.store.lockSequence(handlerId, key);
			List<Long> ids = this.store.sequence(handlerId, key).stream().map(DeadLetter::id).toList();
			this.store.discard(ids, this.clock.instant());
			this.store.release(handlerId, key);
			return ids.size();
		});
		logger.info("Discarded the %d dead letters of key '%s' of handler '%s'".formatted(discarded, key, handlerId));
		return (discarded != null) ? discarded : 0;
	}

	/**
	 * Retry a dead letter that is in no sequence, alone.
	 * @param id the dead letter's id
	 * @return what the retry did
	 */
	RetryResult retryAlone(long id) {
		Attempt attempt = attempt((status) -> this.store.lock(id)
			.filter((deadLetter) -> deadLetter.discardedAt() == null)
			.orElse(null));
		if (attempt == null) {
			return RetryResult.NOTHING;
		}
		if (attempt.failure() != null) {
			failedAgain(attempt);
			return new RetryResult(0, List.of(id));
		}
		return new RetryResult(1, List.of());
	}

	/**
	 * Handle a dead letter again and delete it, in one transaction of its handler.
	 * @param next finds and locks the dead letter to try, in that transaction; {@code null} when
	 * there is none
	 * @return the attempt, {@code null} when there was nothing to try
	 */
	private @Nullable Attempt attempt(Function<TransactionStatus, @Nullable DeadLetter> next) {
		AtomicReference<@Nullable DeadLetter> tried = new AtomicReference<>();
		try {
			return transactions().execute((status) -> {
				DeadLetter deadLetter = next.apply(status);
				if (deadLetter == null) {
					return null;
				}
				tried.set(deadLetter);
				try {
					this.handlers.handleAgain(deadLetter.handlerId(), deadLetter.toRecord());
				}
				catch (Exception ex) {
					status.setRollbackOnly();
					return new Attempt(deadLetter, ex);
				}
				this.store.delete(deadLetter.id());
				return new Attempt(deadLetter, null);
			});
		}
		catch (RuntimeException ex) {
			DeadLetter deadLetter = tried.get();
			if (deadLetter == null) {
				throw ex;
			}
			return new Attempt(deadLetter, ex);
		}
	}

	private String failedAgain(Attempt attempt) {
		Exception failure = attempt.failure();
		String reason = DeadLetterReasons.reasonOf(failure);
		DeadLetter deadLetter = attempt.deadLetter();
		transactions().executeWithoutResult((status) -> this.store.failedAgain(deadLetter.id(), reason,
				DeadLetterReasons.causeOf(failure), this.clock.instant()));
		logger.warn("Retry of dead letter %d of handler '%s' failed again (%s): %s".formatted(deadLetter.id(),
				deadLetter.handlerId(), reason, DeadLetterReasons.causeOf(failure)));
		return reason;
	}

	private TransactionOperations transactions() {
		return this.handlers.transactions();
	}

	/**
	 * One dead letter tried: handled, or failed with what.
	 */
	private record Attempt(DeadLetter deadLetter, @Nullable Exception failure) {

	}

}
