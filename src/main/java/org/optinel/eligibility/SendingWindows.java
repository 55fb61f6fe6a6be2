package org.optinel.eligibility;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

/**
 * A tenant's sending windows for marketing SMS, within the hard limits: France 08:00-22:00 on
 * working days (Monday to Saturday, not public holidays), 08:00-20:00 by default (FR-07); United
 * States 08:00-21:00 every day (US-05). Local time of the recipient. The end is exclusive: at
 * 20:00:00 a 08:00-20:00 window is closed. Email has no window.
 *
 * @param france the window for French numbers (metropolitan and overseas)
 * @param unitedStates the window for US numbers
 */
public record SendingWindows(Window france, Window unitedStates) {

	public static final Window FRANCE_LIMIT = new Window(LocalTime.of(8, 0), LocalTime.of(22, 0));

	public static final Window UNITED_STATES_LIMIT = new Window(LocalTime.of(8, 0), LocalTime.of(21, 0));

	/** The defaults: 08:00-20:00 in France (FR-07), 08:00-21:00 in the US (US-05). */
	public static final SendingWindows DEFAULT = new SendingWindows(new Window(LocalTime.of(8, 0), LocalTime.of(20, 0)),
			UNITED_STATES_LIMIT);

	/**
	 * A window must stay open in every zone of a group at some time of day (the continental US spans
	 * three hours, French Polynesia one): shorter windows are refused.
	 */
	static final Duration FRANCE_MINIMUM = Duration.ofHours(2);

	static final Duration UNITED_STATES_MINIMUM = Duration.ofHours(4);

	public SendingWindows {
		Objects.requireNonNull(france, "france");
		Objects.requireNonNull(unitedStates, "unitedStates");
	}

	/**
	 * Checks the windows against the hard limits and minimum lengths.
	 * @throws InvalidInputException naming each field out of bounds (422)
	 */
	public SendingWindows validated() {
		List<FieldViolation> violations = new ArrayList<>();
		check("france", france, FRANCE_LIMIT, FRANCE_MINIMUM, "FR-07", violations);
		check("unitedStates", unitedStates, UNITED_STATES_LIMIT, UNITED_STATES_MINIMUM, "US-05", violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return this;
	}

	private static void check(String field, Window window, Window limit, Duration minimum, String rule,
			List<FieldViolation> violations) {
		if (window.start().isBefore(limit.start()) || window.end().isAfter(limit.end())) {
			violations.add(new FieldViolation(field, "must lie within " + limit + " local time (" + rule + "), was " + window));
		}
		else if (Duration.between(window.start(), window.end()).compareTo(minimum) < 0) {
			violations.add(new FieldViolation(field, "must be open at least " + minimum.toHours()
					+ " hours, so that it opens in every time zone of the country at once; was " + window));
		}
	}

	/** The window for a regime, or null when the regime has none. */
	public Window of(WindowRegime regime) {
		switch (regime) {
			case FRANCE:
				return france;
			case UNITED_STATES:
				return unitedStates;
			default:
				return null;
		}
	}

	/**
	 * The earliest instant at or after {@code at} when a marketing SMS may reach a number in
	 * {@code zone}: {@code at} itself when the window is open, in every zone of the group.
	 */
	public Instant earliest(Instant at, RecipientZone zone) {
		Window window = of(zone.regime());
		if (window == null) {
			return at;
		}
		Instant candidate = at;
		// Each zone's next opening is a lower bound; the latest of them is the next candidate. The
		// minimum lengths make the windows of a group overlap, so this settles in a few rounds.
		for (int round = 0; round < 16; round++) {
			Instant latest = candidate;
			for (ZoneId z : zone.zones()) {
				Instant open = nextOpening(candidate, z, zone.regime(), window);
				if (open.isAfter(latest)) {
					latest = open;
				}
			}
			if (latest.equals(candidate)) {
				return candidate;
			}
			candidate = latest;
		}
		throw new IllegalStateException("No common opening of " + window + " in " + zone.zones() + " after " + at);
	}

	private static Instant nextOpening(Instant at, ZoneId zone, WindowRegime regime, Window window) {
		ZonedDateTime local = at.atZone(zone);
		LocalDate day = local.toLocalDate();
		LocalTime time = local.toLocalTime();
		boolean workingDay = workingDay(day, regime);
		if (workingDay && window.contains(time)) {
			return at;
		}
		if (!workingDay || !time.isBefore(window.start())) {
			day = day.plusDays(1);
		}
		while (!workingDay(day, regime)) {
			day = day.plusDays(1);
		}
		return ZonedDateTime.of(day, window.start(), zone).toInstant();
	}

	/** Sundays and public holidays are closed in France (FR-07); every day is open in the US (US-05). */
	static boolean workingDay(LocalDate day, WindowRegime regime) {
		if (regime != WindowRegime.FRANCE) {
			return true;
		}
		return day.getDayOfWeek() != DayOfWeek.SUNDAY && !FrenchHolidays.isHoliday(day);
	}

	/** A daily window of local time, start inclusive, end exclusive. */
	public record Window(LocalTime start, LocalTime end) {

		public Window {
			Objects.requireNonNull(start, "start");
			Objects.requireNonNull(end, "end");
			if (!start.isBefore(end)) {
				throw new InvalidInputException("end", "must come after start (" + start + "), was " + end);
			}
		}

		boolean contains(LocalTime time) {
			return !time.isBefore(start) && time.isBefore(end);
		}

		@Override
		public String toString() {
			return start + "-" + end;
		}
	}
}
