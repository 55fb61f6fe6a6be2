package org.optinel.core;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IsoInstantsUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-01T09:30:00Z", "2026-03-01T09:30:00+01:00", "2026-03-01T09:30:00-05:30",
			"2026-03-01T09:30:00.5Z", "2026-03-01T09:30:00.123456789+14:00", "2024-02-29T23:59:59-00:00",
			"1970-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "2026-03-01t09:30:00z", "2026-03-01T09:30+01:00",
			"2026-03-01T09:30:00+18:00", "2026-03-01T09:30:00+01:00:30", "+12026-03-01T09:30:00Z", "2026-03-01T09:30:00.Z" })
	void readsWhatOffsetDateTimeReadsAndTheSameInstant(String text) {
		assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-13-01T09:30:00Z", "2026-02-30T09:30:00Z", "2025-02-29T09:30:00Z",
			"2026-03-01T24:00:00Z", "2026-03-01T09:60:00Z", "2026-03-01T09:30:61Z", "2026-03-01T09:30:00",
			"2026-03-01T09:30:00+19:00", "2026-03-01T09:30:00.1234567890Z",
			"2026-03-01 09:30:00Z", "1767225600", "2026-03-01T09:30:00+0100", "2026-03-01T09:30:00ZZ", "" })
	void refusesWhatOffsetDateTimeRefuses(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> OffsetDateTime.parse(text));
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text));
	}

	@Test
	void theFastPathAgreesWithTheGeneralParserOnRandomInstants() {
		Random random = new Random(20261129);
		for (int i = 0; i < 20_000; i++) {
			String text = "%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(1900 + random.nextInt(300), 1 + random.nextInt(12),
					1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
					random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
					random.nextBoolean() ? "Z"
							: "%s%02d:%02d".formatted(random.nextBoolean() ? "+" : "-", random.nextInt(18), random.nextInt(60)));

			assertThat(IsoInstants.fast(text)).as(text).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
		}
	}
}
