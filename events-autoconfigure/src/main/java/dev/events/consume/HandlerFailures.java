package dev.events.consume;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sorts what a handler's transaction failed with. A database that cannot be reached is waited
 * for without limit: the outage is not the record's fault, and dead-lettering records for it
 * would lose their order. A conflict with another transaction (optimistic lock, lock or
 * statement timeout, deadlock, serialization failure) usually passes on a later try, so it gets
 * more attempts than other failures, but a bounded number: a record that always conflicts must
 * not hold its partition forever.
 */
final class HandlerFailures {

	/**
	 * SQLSTATEs of a connection that could not be made or was lost: class 08, and PostgreSQL's
	 * shutdown and start-up states.
	 */
	private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

	/**
	 * SQLSTATEs of a conflict: serialization failure, deadlock, lock not available, statement
	 * cancelled by a timeout.
	 */
	private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03", "57014");

	private HandlerFailures() {
	}

	/**
	 * Return whether a failure means the database could not be reached.
	 * @param failure what the handler's transaction failed with
	 * @return whether to wait for the database without limit
	 */
	static boolean isDatabaseUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
				return true;
			}
			String state = sqlState(cause);
			if (state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether a failure is a conflict with another transaction that may pass on a later
	 * try.
	 * @param failure what the handler's transaction failed with
	 * @return whether to retry it as a conflict
	 */
	static boolean isConflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConcurrencyFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTransactionRollbackException) {
				return true;
			}
			String state = sqlState(cause);
			if (state != null && CONFLICT_STATES.contains(state)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String sqlState(Throwable failure) {
		return (failure instanceof SQLException sql) ? sql.getSQLState() : null;
	}

	/**
	 * Report a failed record to the container's error handler as what it failed with. Each kind
	 * is an exception class of its own, since spring-kafka chooses a record's backoff again only
	 * when the class it fails with changes: a record first failing while the database was down
	 * and then on its own merits is retried as the latter.
	 * @param failure what the handler's transaction failed with
	 * @param record the record that failed
	 * @return the exception to throw from the listener
	 */
	static BatchListenerFailedException report(Exception failure, ConsumerRecord<?, ?> record) {
		if (isDatabaseUnreachable(failure)) {
			return new DatabaseUnreachable(failure, record);
		}
		if (isConflict(failure)) {
			return new Conflict(failure, record);
		}
		return new RecordFailed(failure, record);
	}

	/**
	 * The database the handler's transaction uses could not be reached.
	 */
	static final class DatabaseUnreachable extends BatchListenerFailedException {

		DatabaseUnreachable(Exception cause, ConsumerRecord<?, ?> record) {
			super(String.valueOf(cause.getMessage()), cause, record);
		}

	}

	/**
	 * The handler's transaction conflicted with another one.
	 */
	static final class Conflict extends BatchListenerFailedException {

		Conflict(Exception cause, ConsumerRecord<?, ?> record) {
			super(String.valueOf(cause.getMessage()), cause, record);
		}

	}

	/**
	 * The record failed for any other reason.
	 */
	static final class RecordFailed extends BatchListenerFailedException {

		RecordFailed(Exception cause, ConsumerRecord<?, ?> record) {
			super(String.valueOf(cause.getMessage()), cause, record);
		}

	}

}
