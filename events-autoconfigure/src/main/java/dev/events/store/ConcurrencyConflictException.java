package dev.events.store;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * An append found its stream at another version than it expected: another append came first.
 * Nothing of it was stored; loading the stream again and retrying resolves it, and an
 * {@code @EventHandler} that throws it is retried like any failure of concurrency.
 */
public class ConcurrencyConflictException extends OptimisticLockingFailureException {

	private final String stream;

	private final ExpectedVersion expectedVersion;

	private final @Nullable Long actualVersion;

	/**
	 * Create an exception.
	 * @param stream the stream appended to
	 * @param expectedVersion what the append expected
	 * @param actualVersion the stream's version, 0 for no stream, or {@code null} where the
	 * database could not tell it without the transaction, which the conflict ended
	 * @param cause the database's own error, if any
	 */
	public ConcurrencyConflictException(String stream, ExpectedVersion expectedVersion, @Nullable Long actualVersion,
			@Nullable Throwable cause) {
		super(message(stream, expectedVersion, actualVersion), cause);
		this.stream = stream;
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	/**
	 * Return the stream appended to.
	 * @return the stream
	 */
	public String getStream() {
		return this.stream;
	}

	/**
	 * Return what the append expected.
	 * @return the expected version
	 */
	public ExpectedVersion getExpectedVersion() {
		return this.expectedVersion;
	}

	/**
	 * Return the stream's version when the append found it.
	 * @return the version, 0 for no stream, or {@code null} if unknown
	 */
	public @Nullable Long getActualVersion() {
		return this.actualVersion;
	}

	private static String message(String stream, ExpectedVersion expected, @Nullable Long actual) {
		String found = (actual == null) ? "was changed by a concurrent append"
				: (actual == 0) ? "has no events" : "is at version " + actual;
		return "Stream '%s' %s; the append expected %s".formatted(stream, found, expected);
	}

}
