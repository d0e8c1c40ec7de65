package dev.events.publish;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUID version 7 values (RFC 9562): 48 bits of Unix milliseconds followed by random
 * bits, so ids sort by creation time. Within one millisecond a counter in the random bits keeps
 * ids of this generator increasing.
 */
final class TimeOrderedUuidGenerator {

	private static final int COUNTER_BITS = 12;

	private final SecureRandom random = new SecureRandom();

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
		long leastSignificant = (this.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

}
