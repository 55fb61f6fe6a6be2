package org.optinel.eligibility;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.TreeSet;

/**
 * French public holidays (jours fériés), on which no marketing SMS goes (FR-07): eight fixed
 * days and three that follow Easter (Easter Monday, Ascension, Whit Monday). Local holidays
 * (Alsace-Moselle, the overseas abolition days) are not in it.
 */
public final class FrenchHolidays {

	private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8),
			MonthDay.of(7, 14), MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

	private FrenchHolidays() {
	}

	public static boolean isHoliday(LocalDate day) {
		if (FIXED.contains(MonthDay.from(day))) {
			return true;
		}
		LocalDate easter = easterSunday(day.getYear());
		return day.equals(easter.plusDays(1)) || day.equals(easter.plusDays(39)) || day.equals(easter.plusDays(50));
	}

	/** The holidays of a year, in order. */
	public static Set<LocalDate> of(int year) {
		Set<LocalDate> days = new TreeSet<>();
		FIXED.forEach(d -> days.add(d.atYear(year)));
		LocalDate easter = easterSunday(year);
		days.add(easter.plusDays(1));
		days.add(easter.plusDays(39));
		days.add(easter.plusDays(50));
		return days;
	}

	/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
	public static LocalDate easterSunday(int year) {
		int a = year % 19;
		int b = year / 100;
		int c = year % 100;
		int d = b / 4;
		int e = b % 4;
		int f = (b + 8) / 25;
		int g = (b - f + 1) / 3;
		int h = (19 * a + b - d - g + 15) % 30;
		int i = c / 4;
		int k = c % 4;
		int l = (32 + 2 * e + 2 * i - h - k) % 7;
		int m = (a + 11 * h + 22 * l) / 451;
		int month = (h + l - 7 * m + 114) / 31;
		int day = (h + l - 7 * m + 114) % 31 + 1;
		return LocalDate.of(year, month, day);
	}
}
