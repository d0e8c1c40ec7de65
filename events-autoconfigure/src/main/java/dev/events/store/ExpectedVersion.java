package dev.events.store;

import org.springframework.util.Assert;

/**
 * The version a stream must be at for an append to go ahead: exactly a version, no stream yet
 * (version 0), or any. A stream's first event is its version 1.
 */
public final class ExpectedVersion {

	private static final long ANY_VERSION = -1;

	private static final ExpectedVersion ANY = new ExpectedVersion(ANY_VERSION);

	private static final ExpectedVersion NO_STREAM = new ExpectedVersion(0);

	private final long version;

	private ExpectedVersion(long version) {
		this.version = version;
	}

	/**
	 * Append whatever the stream's version, creating it if need be: concurrent appends all go
	 * ahead, one after the other.
	 * @return the expectation
	 */
	public static ExpectedVersion any() {
		return ANY;
	}

	/**
	 * Append only if the stream has no event yet.
	 * @return the expectation
	 */
	public static ExpectedVersion noStream() {
		return NO_STREAM;
	}

	/**
	 * Append only if the stream is at this version: of concurrent appends expecting it, one
	 * goes ahead.
	 * @param version the version, 0 for no stream yet
	 * @return the expectation
	 */
	public static ExpectedVersion exactly(long version) {
		Assert.isTrue(version >= 0, () -> "A stream's version is 0 or more, not " + version);
		return (version == 0) ? NO_STREAM : new ExpectedVersion(version);
	}

	/**
	 * Return whether any version will do.
	 * @return whether this is {@link #any()}
	 */
	public boolean isAny() {
		return this == ANY;
	}

	/**
	 * Return the version expected.
	 * @return the version, 0 for no stream yet
	 * @throws IllegalStateException for {@link #any()}
	 */
	public long version() {
		Assert.state(!isAny(), "Any version is expected, not one");
		return this.version;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ExpectedVersion expected && expected.version == this.version;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.version);
	}

	@Override
	public String toString() {
		if (isAny()) {
			return "any version";
		}
		return (this.version == 0) ? "no stream" : "version " + this.version;
	}

}
