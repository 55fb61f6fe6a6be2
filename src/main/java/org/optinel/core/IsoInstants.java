package org.optinel.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO 8601 instant with an offset ({@code 2026-03-01T09:30:00+01:00}, {@code ...Z}), exactly
 * as {@link OffsetDateTime#parse} does, but the usual forms without its general parser: on the
 * eligibility path, which may run ten thousand times a second, that parser was a third of a
 * decision's time. Any other form, valid or not, goes to {@code OffsetDateTime.parse}, so what is
 * accepted and what is refused (and with which message) does not change.
 */
public final class IsoInstants {

	private IsoInstants() {
	}

	/**
	 * @throws DateTimeParseException when the text is not an ISO 8601 date-time with an offset
	 */
	public static Instant parse(String text) {
		Instant fast = fast(text);
		return (fast != null) ? fast : OffsetDateTime.parse(text).toInstant();
	}

	/** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for anything else. */
	static Instant fast(String s) {
		int n = s.length();
		if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
				|| s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 7);
		int day = digits(s, 8, 10);
		int hour = digits(s, 11, 13);
		int minute = digits(s, 14, 16);
		int second = digits(s, 17, 19);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int i = 19;
		int nanos = 0;
		if (s.charAt(i) == '.') {
			int start = ++i;
			while (i < n && isDigit(s.charAt(i))) {
				nanos = nanos * 10 + (s.charAt(i) - '0');
				i++;
			}
			int count = i - start;
			if (count < 1 || count > 9) {
				return null;
			}
			for (int k = count; k < 9; k++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (i == n - 1 && s.charAt(i) == 'Z') {
			offsetSeconds = 0;
		}
		else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
			int hours = digits(s, i + 1, i + 3);
			int minutes = digits(s, i + 4, i + 6);
			if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
				return null;
			}
			offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
		}
		else {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException e) {
			return null;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
	}

	private static int digits(String s, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
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
