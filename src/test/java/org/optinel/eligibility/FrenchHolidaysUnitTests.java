package org.optinel.eligibility;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-07: the French public holidays on which no marketing SMS goes, over several years. */
class FrenchHolidaysUnitTests {

	/** Easter Sunday, Easter Monday, Ascension and Whit Monday of 2024-2030 (FR-07). */
	@ParameterizedTest
	@CsvSource({ "2024, 2024-03-31, 2024-04-01, 2024-05-09, 2024-05-20",
			"2025, 2025-04-20, 2025-04-21, 2025-05-29, 2025-06-09",
			"2026, 2026-04-05, 2026-04-06, 2026-05-14, 2026-05-25",
			"2027, 2027-03-28, 2027-03-29, 2027-05-06, 2027-05-17",
			"2028, 2028-04-16, 2028-04-17, 2028-05-25, 2028-06-05",
			"2029, 2029-04-01, 2029-04-02, 2029-05-10, 2029-05-21",
			"2030, 2030-04-21, 2030-04-22, 2030-05-30, 2030-06-10" })
	void theMovableHolidaysFollowEaster(int year, LocalDate easter, LocalDate easterMonday, LocalDate ascension,
			LocalDate whitMonday) {
		assertThat(FrenchHolidays.easterSunday(year)).isEqualTo(easter);
		assertThat(FrenchHolidays.of(year)).contains(easterMonday, ascension, whitMonday).hasSize(11);
		assertThat(FrenchHolidays.isHoliday(easterMonday)).isTrue();
		assertThat(FrenchHolidays.isHoliday(ascension)).isTrue();
		assertThat(FrenchHolidays.isHoliday(whitMonday)).isTrue();
		// Easter Sunday and Whit Sunday are Sundays, not holidays of the list.
		assertThat(FrenchHolidays.isHoliday(easter)).isFalse();
		assertThat(FrenchHolidays.isHoliday(whitMonday.minusDays(1))).isFalse();
		assertThat(FrenchHolidays.isHoliday(easterMonday.plusDays(1))).isFalse();
	}

	/** Easter at the edges of its range and in other centuries, against published dates. */
	@ParameterizedTest
	@CsvSource({ "1818, 1818-03-22", "1943, 1943-04-25", "2019, 2019-04-21", "2038, 2038-04-25", "2285, 2285-03-22" })
	void easterIsComputedForAnyGregorianYear(int year, LocalDate easter) {
		assertThat(FrenchHolidays.easterSunday(year)).isEqualTo(easter);
	}

	/** FR-07: the eight fixed holidays, every year from 2024 to 2030. */
	@Test
	void theFixedHolidaysAreHolidaysEveryYear() {
		for (int year = 2024; year <= 2030; year++) {
			for (String day : new String[] { "01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25" }) {
				assertThat(FrenchHolidays.isHoliday(LocalDate.parse(year + "-" + day))).as(year + "-" + day).isTrue();
			}
			assertThat(FrenchHolidays.isHoliday(LocalDate.parse(year + "-12-26"))).isFalse();
			assertThat(FrenchHolidays.isHoliday(LocalDate.parse(year + "-07-13"))).isFalse();
			assertThat(FrenchHolidays.of(year)).hasSize(11);
		}
	}
}
