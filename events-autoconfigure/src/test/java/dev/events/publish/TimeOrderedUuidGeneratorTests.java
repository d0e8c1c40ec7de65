package dev.events.publish;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedUuidGeneratorTests {

	@Test
	void idsAreVersion7WithTheTimestampInFront() {
		Instant now = Instant.parse("2026-11-23T10:15:30.123Z");
		UUID id = new TimeOrderedUuidGenerator(Clock.fixed(now, ZoneOffset.UTC)).next();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
	}

	@Test
	void idsIncreaseWithinTheSameMillisecond() {
		TimeOrderedUuidGenerator generator = new TimeOrderedUuidGenerator(
				Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC));
		UUID previous = generator.next();
		for (int i = 0; i < 10_000; i++) {
			UUID next = generator.next();
			assertThat(Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits()))
				.isPositive();
			previous = next;
		}
	}

}
