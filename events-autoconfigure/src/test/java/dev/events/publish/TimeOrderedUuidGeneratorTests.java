package dev.events.publish;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

	@Test
	void idsOfManyThreadsAreDistinct() throws Exception {
		TimeOrderedUuidGenerator generator = new TimeOrderedUuidGenerator(
				Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC));
		Set<UUID> ids = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				done.add(threads.submit(() -> {
					for (int i = 0; i < 20_000; i++) {
						ids.add(generator.next());
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(ids).hasSize(8 * 20_000);
		assertThat(ids).extracting(UUID::getLeastSignificantBits).doesNotHaveDuplicates();
	}

}
