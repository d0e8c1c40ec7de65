package dev.events.publish;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUID version 7 values (RFC 9562): 48 bits of Unix milliseconds followed by random
 * bits, so ids sort by creation time. Within one millisecond a counter in the random bits keeps
 * ids of this generator increasing.
 * <p>
 * The random bits come from a cryptographically strong generator, as the RFC recommends, one per
 * thread and read a few hundred bytes at a time: a shared {@link SecureRandom} serialises the
 * threads that publish on its lock.
 */
final class TimeOrderedUuidGenerator {

	private static final int COUNTER_BITS = 12;

	private static final ThreadLocal<RandomLongs> RANDOM = ThreadLocal.withInitial(RandomLongs::new);

	private final Clock clock;

	private final AtomicLong lastTimeAndCounter = new AtomicLong();

	TimeOrderedUuidGenerator(Clock clock) {
		this.clock = clock;
	}

	UUID next() {
		long timeAndCounter = this.lastTimeAndCounter
			.updateAndGet((last) -> Math.max(last + 1, this.clock.millis() << COUNTER_BITS));
		long millis = timeAndCounter >>> COUNTER_BITS;
		long counter = timeAndCounter & ((1L << COUNTER_BITS) - 1);
		long mostSignificant = (millis << 16) | (0x7L << 12) | counter;
		long leastSignificant = (RANDOM.get().next() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/**
	 * Random longs of one thread, read from its own strong generator in blocks.
	 */
	private static final class RandomLongs {

		private static final int BLOCK_BYTES = 512;

		private final SecureRandom random = new SecureRandom();

		private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES).position(BLOCK_BYTES);

		long next() {
			if (!this.block.hasRemaining()) {
				this.random.nextBytes(this.block.array());
				this.block.clear();
			}
			return this.block.getLong();
		}

	}

}
