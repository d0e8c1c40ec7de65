package dev.events.consume;

import java.util.List;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ExceptionClassifier;
import org.springframework.util.backoff.BackOff;

/**
 * How one handler retries a record that failed and what it does when it gives up: the policy
 * objects behind both the Kafka listener container's error handler and the in-memory transport,
 * so that the two retry alike. Which failures are not retried follows spring-kafka's
 * classification (its fatal exceptions, then the handler's own).
 */
public final class HandlerRetries {

	private final BackOff backOff;

	private final BiFunction<ConsumerRecord<?, ?>, Exception, @Nullable BackOff> backOffByFailure;

	private final FailureHistory history;

	private final ConsumerRecordRecoverer recoverer;

	private final List<Class<? extends Exception>> notRetryable;

	private final Classifier classifier = new Classifier();

	HandlerRetries(BackOff backOff, BiFunction<ConsumerRecord<?, ?>, Exception, @Nullable BackOff> backOffByFailure,
			List<Class<? extends Exception>> notRetryable, FailureHistory history, ConsumerRecordRecoverer recoverer) {
		this.notRetryable = List.copyOf(notRetryable);
		notRetryable.forEach(this.classifier::addNotRetryableExceptions);
		this.backOff = backOff;
		this.backOffByFailure = backOffByFailure;
		this.history = history;
		this.recoverer = recoverer;
	}

	/**
	 * Return whether a failure is worth another attempt.
	 * @param failure what the record failed with
	 * @return {@code false} for failures that fail again whatever the wait
	 */
	public boolean retryable(Exception failure) {
		return this.classifier.retryable(failure);
	}

	/**
	 * Return how a record that failed with this failure is retried: some failures (a database
	 * that cannot be reached, a conflict with another transaction) wait differently from the
	 * handler's own retries.
	 * @param record the record
	 * @param failure what it failed with
	 * @return the waits between its attempts
	 */
	public BackOff backOff(ConsumerRecord<?, ?> record, Exception failure) {
		BackOff special = this.backOffByFailure.apply(record, failure);
		return (special != null) ? special : this.backOff;
	}

	/**
	 * Record a failed attempt, for the dead letter the record may become.
	 * @param record the record
	 * @param failure what it failed with
	 * @param attempt the attempt that failed, from 1
	 */
	public void failed(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
		this.history.failedDelivery(record, failure, attempt);
	}

	/**
	 * Give up on a record: make it a dead letter where the handler keeps them, count and log it.
	 * @param record the record
	 * @param failure what it failed with last
	 */
	public void recover(ConsumerRecord<?, ?> record, Exception failure) {
		this.recoverer.accept(record, failure);
	}

	/**
	 * Return the error handler of the handler's listener container, made of these retries.
	 * @return a new error handler
	 */
	DefaultErrorHandler errorHandler() {
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(this.recoverer, this.backOff);
		errorHandler.setLogLevel(KafkaException.Level.WARN);
		this.notRetryable.forEach(errorHandler::addNotRetryableExceptions);
		errorHandler.setBackOffFunction(this.backOffByFailure);
		errorHandler.setRetryListeners(this.history);
		return errorHandler;
	}

	/**
	 * Spring-kafka's classification of failures, its fatal exceptions first, kept private so that
	 * nothing changes it after the listener container's error handler was built the same way.
	 */
	private static final class Classifier extends ExceptionClassifier {

		boolean retryable(Exception failure) {
			return getExceptionMatcher().match(failure);
		}

	}

}
