package dev.events.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.events.cloudevents.CloudEventRecordMapper;

/**
 * Creates the {@link HandlerRetries} of each handler, which its listener container's error handler
 * and the in-memory transport are made of: bounded exponential backoff, then a dead letter, in the database or on the dead-letter topic or both, as the handler's
 * {@link DeadLetterDestination} says. Undeliverable records and the handler's non-retryable
 * exceptions skip the retries. A database that cannot be reached is retried without limit instead, since
 * dead-lettering events because the database is down would lose the order of their partitions;
 * conflicts with other transactions get more attempts, with jitter (see {@link HandlerFailures}).
 */
public final class HandlerErrorHandlerFactory {

	private static final Log logger = LogFactory.getLog(HandlerErrorHandlerFactory.class);

	private final Function<String, ConsumerRecordRecoverer> topicRecoverers;

	private final DeadLetterTopics deadLetterTopics;

	private final Duration initialInterval;

	private final double multiplier;

	private final Duration maxInterval;

	private final ConflictRetry conflicts;

	private final MeterRegistry meterRegistry;

	private final @Nullable SequencedDeadLetters deadLetterStore;

	private final FailedRecords failedRecords;

	private final Clock clock;

	private final AtomicLong deadLettered = new AtomicLong();

	/**
	 * Create a factory.
	 * @param topicRecoverers the recoverer of each handler, by id, that puts its dead letters on
	 * the dead-letter topic of their record's topic ({@link #toKafka})
	 * @param deadLetterTopics names the dead-letter topic of each record's topic
	 * @param initialInterval the wait before the first retry
	 * @param multiplier the factor each further wait grows by
	 * @param maxInterval the longest wait between retries; also how often a database that cannot
	 * be reached is tried again
	 * @param conflicts how conflicts with other transactions are retried
	 * @param meterRegistry where dead-lettered records are counted
	 * @param deadLetterStore keeps the dead letters of handlers that keep them in the database,
	 * {@code null} when there is no database for them
	 * @param mapper reads the CloudEvent attributes of dead letters for the database
	 * @param clock the clock of failure times
	 */
	public HandlerErrorHandlerFactory(Function<String, ConsumerRecordRecoverer> topicRecoverers,
			DeadLetterTopics deadLetterTopics, Duration initialInterval, double multiplier, Duration maxInterval,
			ConflictRetry conflicts, MeterRegistry meterRegistry, @Nullable SequencedDeadLetters deadLetterStore,
			CloudEventRecordMapper mapper, Clock clock) {
		this.topicRecoverers = topicRecoverers;
		this.deadLetterTopics = deadLetterTopics;
		this.initialInterval = initialInterval;
		this.multiplier = multiplier;
		this.maxInterval = maxInterval;
		this.conflicts = conflicts;
		this.meterRegistry = meterRegistry;
		this.deadLetterStore = deadLetterStore;
		this.failedRecords = new FailedRecords(mapper, clock);
		this.clock = clock;
	}

	/**
	 * Return whether handlers can keep dead letters in the database.
	 * @return whether there is a store for them
	 */
	boolean hasDeadLetterStore() {
		return this.deadLetterStore != null;
	}

	/**
	 * Return the store a handler's listener looks up the dead letters of its keys in.
	 * @param handler the handler
	 * @return the store, {@code null} unless the handler keeps dead letters in the database in
	 * order per key
	 */
	@Nullable SequencedDeadLetters sequencesOf(EventHandlerMethod handler) {
		return (handler.deadLetters().toDatabase() && handler.sequenced()) ? this.deadLetterStore : null;
	}

	/**
	 * Return what turns records into dead letters for the database.
	 * @return the factory of failed records
	 */
	FailedRecords failedRecords() {
		return this.failedRecords;
	}

	/**
	 * Return how many records the handlers sent to dead-letter topics since startup.
	 * @return the number of dead-lettered records
	 */
	public long deadLetteredCount() {
		return this.deadLettered.get();
	}

	/**
	 * Return how a handler retries failed records and what it does when it gives up; the listener
	 * container's error handler is made of the same.
	 * @param handler the handler
	 * @return its retries
	 */
	HandlerRetries retries(EventHandlerMethod handler) {
		String handlerId = handler.id();
		EventHandlerMethod.HandlerRetry retry = handler.retry();
		FailureHistory failures = new FailureHistory(this.clock);
		ConsumerRecordRecoverer toTopic = this.topicRecoverers.apply(handlerId);
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			Exception failure = failureOf(ex);
			String reason = DeadLetterReasons.reasonOf(ex);
			FailureHistory.Failures failed = failures.remove(record);
			if (handler.deadLetters().toDatabase()) {
				Objects.requireNonNull(this.deadLetterStore)
					.add(this.failedRecords.failed(handlerId, bytes(record), failure, failed.attempts(), failed.first(),
							handler.sequenced()));
			}
			if (handler.deadLetters().toTopic()) {
				toTopic.accept(record, failure);
			}
			this.deadLettered.incrementAndGet();
			Counter.builder("events.dead.lettered")
				.description("Records handlers gave up on and made dead letters, by handler and reason")
				.tag("handler", handlerId)
				.tag("reason", reason)
				.register(this.meterRegistry)
				.increment();
			logger.error("Handler '%s' made the record at %s-%d@%d a dead letter (%s, %s): %s".formatted(handlerId,
					record.topic(), record.partition(), record.offset(), reason, destinationOf(handler, record),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage()));
		};
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
		backOff.setInitialInterval(this.initialInterval.toMillis());
		backOff.setMultiplier(this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		List<Class<? extends Exception>> notRetryable = new ArrayList<>();
		notRetryable.add(UndeliverableEventException.class);
		notRetryable.addAll(retry.nonRetryable());
		return new HandlerRetries(backOff, this::backOffFor, notRetryable, failures, recoverer);
	}

	/**
	 * Return the recoverers that send each handler's dead letters to the dead-letter topic of
	 * their record's topic, with the reason and the handler in headers.
	 * @param template sends records to the dead-letter topic, keys and values as bytes
	 * @param deadLetterTopics names the dead-letter topic of each record's topic
	 * @return the recoverer of each handler, by handler id
	 */
	public static Function<String, ConsumerRecordRecoverer> toKafka(KafkaOperations<?, ?> template,
			DeadLetterTopics deadLetterTopics) {
		return (handlerId) -> {
			DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
					(record, ex) -> new TopicPartition(deadLetterTopics.of(record.topic()), -1));
			deadLetters.setHeadersFunction((record, ex) -> new RecordHeaders()
				.add(UndeliverableEventException.REASON_HEADER,
						DeadLetterReasons.reasonOf(ex).getBytes(StandardCharsets.UTF_8))
				.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, handlerId.getBytes(StandardCharsets.UTF_8)));
			return deadLetters;
		};
	}

	private String destinationOf(EventHandlerMethod handler, ConsumerRecord<?, ?> record) {
		return switch (handler.deadLetters()) {
			case DATABASE -> "in the database";
			case BOTH -> "in the database and on " + this.deadLetterTopics.of(record.topic());
			default -> "on " + this.deadLetterTopics.of(record.topic());
		};
	}

	@SuppressWarnings("unchecked")
	private static ConsumerRecord<byte[], byte[]> bytes(ConsumerRecord<?, ?> record) {
		return (ConsumerRecord<byte[], byte[]>) record;
	}

	private @Nullable BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure) {
		if (findCause(failure, HandlerFailures.DatabaseUnreachable.class) != null) {
			return new FixedBackOff(this.maxInterval.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
		}
		if (findCause(failure, HandlerFailures.Conflict.class) != null) {
			ExponentialBackOff backOff = new ExponentialBackOff(this.conflicts.initialInterval().toMillis(), 2.0);
			backOff.setMaxAttempts(this.conflicts.maxAttempts() - 1);
			backOff.setMaxInterval(this.conflicts.maxInterval().toMillis());
			backOff.setJitter(this.conflicts.initialInterval().toMillis() / 2);
			return backOff;
		}
		return null;
	}

	/**
	 * Return what failed, without spring-kafka's wrappers, for the dead-letter headers. The
	 * wrappers also carried the consumer group, which the headers function adds back.
	 */
	private static Exception failureOf(Exception exception) {
		Exception failure = exception;
		while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException)
				&& failure.getCause() instanceof Exception cause) {
			failure = cause;
		}
		return failure;
	}

	private static <T extends Throwable> T findCause(Throwable throwable, Class<T> type) {
		for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
