package org.optinel.eligibility;

import java.time.Instant;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optinel.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-07 and US-05: the sending windows of marketing SMS, in the recipient's zone derived from the number. */
class SendingWindowsUnitTests {

	private static final SendingWindows DEFAULT = SendingWindows.DEFAULT;

	/** FR-07: Paris, default 08:00-20:00, working days; the end is exclusive; Sundays and holidays are skipped. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({
			// Tuesday 17 June 2025, Paris is UTC+2
			"2025-06-17T05:59:59Z, 2025-06-17T06:00:00Z", "2025-06-17T06:00:00Z, 2025-06-17T06:00:00Z",
			"2025-06-17T17:59:59Z, 2025-06-17T17:59:59Z", "2025-06-17T18:00:00Z, 2025-06-18T06:00:00Z",
			// Saturday evening: Sunday is skipped, Monday 16 June 08:00
			"2025-06-14T18:00:00Z, 2025-06-16T06:00:00Z", "2025-06-14T12:00:00Z, 2025-06-14T12:00:00Z",
			// Sunday midday
			"2025-06-15T10:00:00Z, 2025-06-16T06:00:00Z",
			// Saturday 7 June 2025 at night: Sunday, then Whit Monday 9 June, then Tuesday 10 June
			"2025-06-07T19:00:00Z, 2025-06-10T06:00:00Z",
			// Christmas Eve 2025 at 20:30 (UTC+1): Christmas is a holiday, Friday 26 December 08:00
			"2025-12-24T19:30:00Z, 2025-12-26T07:00:00Z",
			// Thursday 30 April 2026 at 20:00: 1 May is a holiday, Saturday 2 May is open
			"2026-04-30T18:00:00Z, 2026-05-02T06:00:00Z",
			// Ascension 2027 (Thursday 6 May)
			"2027-05-06T10:00:00Z, 2027-05-07T06:00:00Z",
			// New Year's Eve 2028 is a Sunday, 1 January 2029 a holiday: Tuesday 2 January
			"2028-12-30T20:00:00Z, 2029-01-02T07:00:00Z" })
	void parisWindowOpensOnWorkingDaysFromEightToEight(Instant at, Instant expected) {
		assertThat(DEFAULT.earliest(at, RecipientZone.FRANCE_METROPOLITAN)).isEqualTo(expected);
	}

	/** FR-07: evaluated in the recipient's zone: Réunion is UTC+4 all year, Paris UTC+2 in summer. */
	@Test
	void reunionIsNotParis() {
		Instant eightInReunion = Instant.parse("2025-06-17T04:00:00Z");
		assertThat(DEFAULT.earliest(eightInReunion, RecipientZone.REUNION)).isEqualTo(eightInReunion);
		assertThat(DEFAULT.earliest(eightInReunion, RecipientZone.FRANCE_METROPOLITAN))
			.isEqualTo(Instant.parse("2025-06-17T06:00:00Z"));
		Instant halfPastEightPmInReunion = Instant.parse("2025-06-17T16:30:00Z");
		assertThat(DEFAULT.earliest(halfPastEightPmInReunion, RecipientZone.REUNION))
			.isEqualTo(Instant.parse("2025-06-18T04:00:00Z"));
		assertThat(DEFAULT.earliest(halfPastEightPmInReunion, RecipientZone.FRANCE_METROPOLITAN))
			.isEqualTo(halfPastEightPmInReunion);
		// Mayotte (UTC+3) shares +262 with Réunion
		assertThat(RecipientZone.of("+262639123456")).isEqualTo(RecipientZone.MAYOTTE);
		assertThat(RecipientZone.of("+262692123456")).isEqualTo(RecipientZone.REUNION);
		assertThat(DEFAULT.earliest(eightInReunion, RecipientZone.MAYOTTE)).isEqualTo(Instant.parse("2025-06-17T05:00:00Z"));
	}

	/** FR-07: French overseas numbers each have their zone; the French holidays apply there too. */
	@ParameterizedTest
	@CsvSource({ "+33612345678, FRANCE_METROPOLITAN", "+590690123456, GUADELOUPE", "+594694123456, GUYANE",
			"+596696123456, MARTINIQUE", "+508551234, SAINT_PIERRE_MIQUELON", "+687751234, NEW_CALEDONIA",
			"+68987123456, FRENCH_POLYNESIA", "+681821234, WALLIS_FUTUNA", "+447911123456, OTHER",
			"+4915112345678, OTHER" })
	void theZoneFollowsTheNumber(String e164, RecipientZone zone) {
		assertThat(RecipientZone.of(e164)).isEqualTo(zone);
	}

	/** FR-07: Martinique is UTC-4: 08:00 there is 12:00 UTC; 14 July is a holiday there too. */
	@Test
	void martiniqueKeepsTheFrenchHolidaysInItsOwnZone() {
		assertThat(DEFAULT.earliest(Instant.parse("2025-07-14T13:00:00Z"), RecipientZone.MARTINIQUE))
			.isEqualTo(Instant.parse("2025-07-15T12:00:00Z"));
		assertThat(DEFAULT.earliest(Instant.parse("2025-07-15T11:59:00Z"), RecipientZone.MARTINIQUE))
			.isEqualTo(Instant.parse("2025-07-15T12:00:00Z"));
	}

	/** US-05: 08:00-21:00 local every day; a continental number must be inside the window in every zone. */
	@Test
	void unitedStatesWindowHoldsInEveryZoneOfTheContinent() {
		assertThat(RecipientZone.of("+12024561111")).isEqualTo(RecipientZone.US_CONTINENTAL);
		assertThat(RecipientZone.of("+18089563000")).isEqualTo(RecipientZone.US_HAWAII);
		assertThat(RecipientZone.of("+19072697000")).isEqualTo(RecipientZone.US_ALASKA);
		// Toronto shares +1 but is not the US
		assertThat(RecipientZone.of("+14163921234")).isEqualTo(RecipientZone.OTHER);
		// 10:00 in New York is 07:00 in Los Angeles: wait for 08:00 Pacific (15:00 UTC in June)
		assertThat(DEFAULT.earliest(Instant.parse("2025-06-17T14:00:00Z"), RecipientZone.US_CONTINENTAL))
			.isEqualTo(Instant.parse("2025-06-17T15:00:00Z"));
		// 21:30 in New York: closed there, the next common opening is 08:00 Pacific the next day
		assertThat(DEFAULT.earliest(Instant.parse("2025-06-18T01:30:00Z"), RecipientZone.US_CONTINENTAL))
			.isEqualTo(Instant.parse("2025-06-18T15:00:00Z"));
		// 20:59 in New York, 17:59 in Los Angeles: open; Sunday is a sending day in the US
		assertThat(DEFAULT.earliest(Instant.parse("2025-06-16T00:59:00Z"), RecipientZone.US_CONTINENTAL))
			.isEqualTo(Instant.parse("2025-06-16T00:59:00Z"));
		assertThat(DEFAULT.earliest(Instant.parse("2025-06-15T18:00:00Z"), RecipientZone.US_HAWAII))
			.isEqualTo(Instant.parse("2025-06-15T18:00:00Z"));
	}

	/** Numbers of countries without a known window are not deferred. */
	@Test
	void otherCountriesHaveNoWindow() {
		Instant midnight = Instant.parse("2025-06-15T00:00:00Z");
		assertThat(DEFAULT.earliest(midnight, RecipientZone.OTHER)).isEqualTo(midnight);
	}

	/** FR-07: a tenant may widen its window up to the hard limit 08:00-22:00, never beyond. */
	@Test
	void aTenantWindowMustStayWithinTheHardLimits() {
		SendingWindows late = new SendingWindows(new SendingWindows.Window(LocalTime.of(8, 0), LocalTime.of(22, 0)),
				SendingWindows.UNITED_STATES_LIMIT).validated();
		assertThat(late.earliest(Instant.parse("2025-06-17T19:30:00Z"), RecipientZone.FRANCE_METROPOLITAN))
			.isEqualTo(Instant.parse("2025-06-17T19:30:00Z"));
		assertThatThrownBy(() -> new SendingWindows(new SendingWindows.Window(LocalTime.of(7, 0), LocalTime.of(20, 0)),
				SendingWindows.UNITED_STATES_LIMIT).validated())
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("france")
			.hasMessageContaining("FR-07");
		assertThatThrownBy(() -> new SendingWindows(SendingWindows.FRANCE_LIMIT,
				new SendingWindows.Window(LocalTime.of(8, 0), LocalTime.of(21, 30))).validated())
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("unitedStates")
			.hasMessageContaining("US-05");
		assertThatThrownBy(() -> new SendingWindows(new SendingWindows.Window(LocalTime.of(9, 0), LocalTime.of(10, 0)),
				SendingWindows.UNITED_STATES_LIMIT).validated())
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at least 2 hours");
	}

	/** US-05 with a narrow tenant window: still a common opening over the continent's zones. */
	@Test
	void theNarrowestAllowedUsWindowStillOpensEverywhere() {
		SendingWindows narrow = new SendingWindows(SendingWindows.DEFAULT.france(),
				new SendingWindows.Window(LocalTime.of(9, 0), LocalTime.of(13, 0))).validated();
		// 09:00 Pacific is 16:00 UTC in June, 12:00 in New York: open in every zone
		assertThat(narrow.earliest(Instant.parse("2025-06-17T13:00:00Z"), RecipientZone.US_CONTINENTAL))
			.isEqualTo(Instant.parse("2025-06-17T16:00:00Z"));
	}
}
