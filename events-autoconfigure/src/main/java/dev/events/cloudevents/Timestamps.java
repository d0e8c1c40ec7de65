package dev.events.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Parses and formats CloudEvents times (RFC 3339). The shape every CloudEvents writer uses,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)}, is read and written digit by digit;
 * anything else goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so the result is always
 * what {@link OffsetDateTime#parse(CharSequence)} returns and what that formatter writes.
 */
final class Timestamps {

	private static final int SECONDS_END = 19;

	private static final int MAX_FRACTION_DIGITS = 9;

	private static final int MAX_YEAR = 9999;

	private static final int SECONDS_PER_MINUTE = 60;

	private static final int SECONDS_PER_HOUR = 3600;

	private Timestamps() {
	}

	/**
	 * Parse a time.
	 * @param text the time
	 * @return the time with its offset
	 * @throws DateTimeException if it is not an RFC 3339 time
	 */
	static OffsetDateTime parse(String text) {
		OffsetDateTime parsed = parseUsualShape(text);
		return (parsed != null) ? parsed : OffsetDateTime.parse(text);
	}

	/**
	 * Format a time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does, in ASCII.
	 * @param time the time
	 * @return its text's bytes
	 */
	static byte[] format(OffsetDateTime time) {
		int offsetSeconds = time.getOffset().getTotalSeconds();
		if (time.getYear() < 0 || time.getYear() > MAX_YEAR || offsetSeconds % SECONDS_PER_MINUTE != 0) {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time).getBytes(StandardCharsets.US_ASCII);
		}
		int nanos = time.getNano();
		int fractionDigits = MAX_FRACTION_DIGITS;
		while (nanos != 0 && nanos % 10 == 0) {
			nanos /= 10;
			fractionDigits--;
		}
		int fractionLength = (nanos != 0) ? fractionDigits + 1 : 0;
		int offsetLength = (offsetSeconds != 0) ? 6 : 1;
		byte[] text = new byte[SECONDS_END + fractionLength + offsetLength];
		write(text, 0, 4, time.getYear());
		text[4] = '-';
		write(text, 5, 2, time.getMonthValue());
		text[7] = '-';
		write(text, 8, 2, time.getDayOfMonth());
		text[10] = 'T';
		write(text, 11, 2, time.getHour());
		text[13] = ':';
		write(text, 14, 2, time.getMinute());
		text[16] = ':';
		write(text, 17, 2, time.getSecond());
		int position = SECONDS_END;
		if (nanos != 0) {
			text[position] = '.';
			write(text, position + 1, fractionDigits, nanos);
			position += fractionLength;
		}
		if (offsetSeconds == 0) {
			text[position] = 'Z';
		}
		else {
			int absolute = Math.abs(offsetSeconds);
			text[position] = (byte) ((offsetSeconds < 0) ? '-' : '+');
			write(text, position + 1, 2, absolute / SECONDS_PER_HOUR);
			text[position + 3] = ':';
			write(text, position + 4, 2, (absolute % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
		}
		return text;
	}

	/**
	 * Write a number as the given count of decimal digits, zero-padded.
	 */
	private static void write(byte[] text, int from, int count, int value) {
		int remaining = value;
		for (int i = from + count - 1; i >= from; i--) {
			text[i] = (byte) ('0' + remaining % 10);
			remaining /= 10;
		}
	}

	private static @Nullable OffsetDateTime parseUsualShape(String text) {
		int length = text.length();
		if (length < SECONDS_END + 1 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int position = SECONDS_END;
		int nanos = 0;
		if (text.charAt(position) == '.') {
			int start = ++position;
			while (position < length && isDigit(text.charAt(position))) {
				position++;
			}
			int fractionDigits = position - start;
			if (fractionDigits == 0 || fractionDigits > MAX_FRACTION_DIGITS) {
				return null;
			}
			nanos = digits(text, start, position);
			for (int i = fractionDigits; i < MAX_FRACTION_DIGITS; i++) {
				nanos *= 10;
			}
		}
		ZoneOffset offset = offset(text, position);
		if (offset == null) {
			return null;
		}
		try {
			return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable ZoneOffset offset(String text, int position) {
		int remaining = text.length() - position;
		if (remaining == 1 && text.charAt(position) == 'Z') {
			return ZoneOffset.UTC;
		}
		char sign = (remaining == 6) ? text.charAt(position) : ' ';
		if ((sign != '+' && sign != '-') || text.charAt(position + 3) != ':') {
			return null;
		}
		int hours = digits(text, position + 1, position + 3);
		int minutes = digits(text, position + 4, position + 6);
		if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
			return null;
		}
		int seconds = hours * 3600 + minutes * 60;
		return ZoneOffset.ofTotalSeconds((sign == '-') ? -seconds : seconds);
	}

	/**
	 * Return the number the digits between two positions spell, or -1 if a character is not a
	 * digit.
	 */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
