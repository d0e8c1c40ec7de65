package dev.events.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fast paths parse exactly as {@link OffsetDateTime#parse(CharSequence)}, offset included,
 * refuse what it refuses, and write what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes.
 */
class TimestampsTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-30T09:15:42Z", "2026-11-30T09:15:42.1Z", "2026-11-30T09:15:42.123456789Z",
			"2026-11-30T09:15:42.120+02:00", "2026-11-30T09:15:42-05:30", "2026-11-30T09:15:42+00:00",
			"2026-11-30T09:15:42-00:00", "2024-02-29T23:59:59.999999Z", "0001-01-01T00:00:00Z",
			"2026-11-30t09:15:42z", "2026-11-30T09:15Z", "+12026-11-30T09:15:42Z", "2026-11-30T09:15:42+18:00",
			"2026-11-30T09:15:42+01:00:30", "2026-11-30T09:15:42.Z" })
	void parsesAsOffsetDateTimeDoes(String text) {
		OffsetDateTime expected = OffsetDateTime.parse(text);
		OffsetDateTime parsed = Timestamps.parse(text);
		assertThat(parsed).isEqualTo(expected);
		assertThat(parsed.getOffset()).isEqualTo(expected.getOffset());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-30T09:15:42", "2026-11-30T09:15:42.1234567891Z",
			"2026-02-30T09:15:42Z", "2026-11-30T24:15:42Z", "2026-11-30T09:15:60Z", "2026-13-30T09:15:42Z",
			"2026-11-30T09:15:42+19:00", "2026-11-30T09:15:42+01:60", "2026-11-30 09:15:42Z", "2026-11-30T09:1x:42Z",
			"2026-11-30T09:15:42ZZ", "" })
	void refusesWhatOffsetDateTimeRefuses(String text) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> OffsetDateTime.parse(text));
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> Timestamps.parse(text));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 7, 120, 999_999_999 })
	void readsWhatTheWriterWrites(int nanos) {
		OffsetDateTime time = OffsetDateTime.of(2026, 11, 30, 9, 15, 42, nanos, ZoneOffset.ofHoursMinutes(5, 30));
		assertThat(Timestamps.parse(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time))).isEqualTo(time);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-30T09:15:42Z", "2026-11-30T09:15:42.1Z", "2026-11-30T09:15:42.123456789Z",
			"2026-11-30T09:15:42.12+02:00", "2026-11-30T09:15:42.000001-05:30", "2026-11-30T00:00Z",
			"0001-01-01T00:00:00.5Z", "9999-12-31T23:59:59.999999999+18:00", "+10000-01-01T00:00:00Z",
			"-0001-01-01T00:00:00Z", "2026-11-30T09:15:42+01:00:30", "2026-11-30T09:15:42.1-18:00" })
	void formatsAsTheIsoFormatterDoes(String text) {
		OffsetDateTime time = OffsetDateTime.parse(text);
		assertThat(new String(Timestamps.format(time), StandardCharsets.US_ASCII))
			.isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
	}

	@Test
	void formatsRandomTimesAsTheIsoFormatterDoes() {
		Random random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
					(random.nextBoolean()) ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000);
			ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
			OffsetDateTime time = OffsetDateTime.ofInstant(instant, offset);
			assertThat(new String(Timestamps.format(time), StandardCharsets.US_ASCII))
				.isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
		}
	}

}
