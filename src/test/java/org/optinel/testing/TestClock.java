package org.optinel.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock for tests that need time to pass: the real time, moved forward by
 * {@link #advance}. Import it where needed; other tests keep the plain clock.
 */
public final class TestClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/** Moves the clock forward. */
	public void advance(Duration duration) {
		offset = offset.plus(duration);
	}

	/** Back to the real time. */
	public void reset() {
		offset = Duration.ZERO;
	}

	/**
	 * Forward to 09:00 UTC on the first Tuesday after this clock's day that is no French holiday:
	 * inside every French sending window (FR-07), whatever day the tests run.
	 */
	public void moveToATuesdayMorning() {
		java.time.LocalDate tuesday = instant().atZone(ZoneOffset.UTC)
			.toLocalDate()
			.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
		while (org.optinel.eligibility.FrenchHolidays.isHoliday(tuesday)) {
			tuesday = tuesday.plusWeeks(1);
		}
		advance(Duration.between(instant(), tuesday.atTime(9, 0).toInstant(ZoneOffset.UTC)));
	}

	@Override
	public Instant instant() {
		return Clock.systemUTC().instant().plus(offset); // clock-ok: the test clock is the real one, moved
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	/** Makes the {@link TestClock} the application's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}
	}
}
