package dev.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardBackoffTests {

	private final ShardBackoff backoff = new ShardBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

	@Test
	void delayDoublesUpToTheMaximum() {
		assertThat(this.backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.backoff.delayAfter(1000)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void failedShardIsUnavailableUntilItsDelayPassed() {
		Instant now = Instant.parse("2026-11-23T10:00:00Z");
		this.backoff.failed(3, now);
		assertThat(this.backoff.failed(3, now)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.available(Set.of(1, 3), now.plusMillis(1999))).containsExactly(1);
		assertThat(this.backoff.available(Set.of(1, 3), now.plusSeconds(2))).containsExactlyInAnyOrder(1, 3);
	}

	@Test
	void successStartsTheBackoffAnew() {
		Instant now = Instant.parse("2026-11-23T10:00:00Z");
		this.backoff.failed(3, now);
		this.backoff.failed(3, now);
		this.backoff.succeeded(3);
		assertThat(this.backoff.failed(3, now)).isEqualTo(Duration.ofSeconds(1));
	}

}
