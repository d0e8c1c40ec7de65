package dev.events.publish;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUID version 7 values (RFC 9562): 48 bits of Unix milliseconds followed by random
 * bits, so ids sort by creation time. Within one millisecond a counter in the random bits keeps
 * ids of this generator increasing.
 * <p>
 * The random bits come from cryptographically strong generators, as the RFC recommends, read a
 * few hundred bytes at a time from one of several stripes chosen by thread: one shared
 * {@link SecureRandom} serialised the threads that publish on its lock, and a generator per thread
 * would cost a new one per publish where each request runs on a thread of its own (virtual
 * threads). Each stripe is a {@code DRBG} generator (NIST SP 800-90A) with a state of its own:
 * the default {@code NativePRNG} instances all read through one lock of the JVM, which held
 * every publishing thread behind whichever held it.
 */
final class TimeOrderedUuidGenerator {

	private static final int COUNTER_BITS = 12;

	private final Clock clock;

	private final AtomicLong lastTimeAndCounter = new AtomicLong();

	private final RandomLongs[] stripes;

	TimeOrderedUuidGenerator(Clock clock) {
		this.clock = clock;
		this.stripes = new RandomLongs[Integer.highestOneBit(4 * Runtime.getRuntime().availableProcessors())];
		for (int i = 0; i < this.stripes.length; i++) {
			this.stripes[i] = new RandomLongs();
		}
	}

	UUID next() {
		long timeAndCounter = this.lastTimeAndCounter
			.updateAndGet((last) -> Math.max(last + 1, this.clock.millis() << COUNTER_BITS));
		long millis = timeAndCounter >>> COUNTER_BITS;
		long counter = timeAndCounter & ((1L << COUNTER_BITS) - 1);
		long mostSignificant = (millis << 16) | (0x7L << 12) | counter;
		long leastSignificant = (randomLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	private long randomLong() {
		long thread = Thread.currentThread().getId();
		return this.stripes[(int) (thread ^ (thread >>> 16)) & (this.stripes.length - 1)].next();
	}

	/**
	 * Random longs read from a strong generator of their own in blocks.
	 */
	private static final class RandomLongs {

		private static final int BLOCK_BYTES = 512;

		private static final String ALGORITHM = "DRBG";

		private final SecureRandom random = drbg();

		private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES).position(BLOCK_BYTES);

		synchronized long next() {
			if (!this.block.hasRemaining()) {
				this.random.nextBytes(this.block.array());
				this.block.clear();
			}
			return this.block.getLong();
		}

		private static SecureRandom drbg() {
			try {
				return SecureRandom.getInstance(ALGORITHM);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("This JVM has no " + ALGORITHM + " SecureRandom, which event ids "
						+ "are generated with (every JDK since 9 has one)", ex);
			}
		}

	}

}
