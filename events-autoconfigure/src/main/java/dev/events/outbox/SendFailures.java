package dev.events.outbox;

import java.util.List;
import java.util.concurrent.CancellationException;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells failed sends that waiting cannot fix from those it can. Only the first kind counts
 * towards parking an event: a broker that is down, a topic that does not exist yet, too few
 * in-sync replicas or a full buffer are waited out however long they last.
 */
final class SendFailures {

	private static final List<Class<? extends Throwable>> PERMANENT = List.of(RecordTooLargeException.class,
			RecordBatchTooLargeException.class, InvalidRecordException.class, InvalidTopicException.class,
			AuthorizationException.class, SerializationException.class);

	private SendFailures() {
	}

	/**
	 * Return whether a failed send cannot succeed by waiting: the record is too large or invalid,
	 * the topic name is invalid, the application is not authorized, or the event cannot be turned
	 * into a record at all (any failure that is neither Kafka's nor an interruption).
	 * @param failure what the send failed with
	 * @return whether the failure counts towards parking the event
	 */
	static boolean isPermanent(Throwable failure) {
		boolean waitable = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> permanent : PERMANENT) {
				if (permanent.isInstance(cause)) {
					return true;
				}
			}
			waitable |= cause instanceof KafkaException || cause instanceof CancellationException
					|| cause instanceof InterruptedException;
		}
		return !waitable;
	}

}
