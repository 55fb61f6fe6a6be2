package org.optinel.eligibility;

import java.time.ZoneId;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.optinel.core.PhoneNumber;

/**
 * Where a phone number's owner lives, as far as the number tells, and so which sending window
 * applies in which time zone (FR-07, US-05). Réunion is not Paris: each French overseas number
 * has its own zone.
 *
 * <p>Where a number does not tell one zone (the continental United States, French Polynesia), a
 * message may go only when the window is open in every zone of the group: the most restrictive
 * reading, erring on the side of the person. Hawaiian (808) and Alaskan (907) numbers have their
 * own groups.
 */
public enum RecipientZone {

	UNKNOWN(WindowRegime.NONE),
	FRANCE_METROPOLITAN(WindowRegime.FRANCE, "Europe/Paris"),
	REUNION(WindowRegime.FRANCE, "Indian/Reunion"),
	MAYOTTE(WindowRegime.FRANCE, "Indian/Mayotte"),
	GUADELOUPE(WindowRegime.FRANCE, "America/Guadeloupe"),
	GUYANE(WindowRegime.FRANCE, "America/Cayenne"),
	MARTINIQUE(WindowRegime.FRANCE, "America/Martinique"),
	SAINT_PIERRE_MIQUELON(WindowRegime.FRANCE, "America/Miquelon"),
	NEW_CALEDONIA(WindowRegime.FRANCE, "Pacific/Noumea"),
	FRENCH_POLYNESIA(WindowRegime.FRANCE, "Pacific/Tahiti", "Pacific/Marquesas", "Pacific/Gambier"),
	WALLIS_FUTUNA(WindowRegime.FRANCE, "Pacific/Wallis"),
	US_CONTINENTAL(WindowRegime.UNITED_STATES, "America/New_York", "America/Chicago", "America/Denver",
			"America/Phoenix", "America/Los_Angeles"),
	US_ALASKA(WindowRegime.UNITED_STATES, "America/Anchorage", "America/Adak"),
	US_HAWAII(WindowRegime.UNITED_STATES, "Pacific/Honolulu"),
	/** A country without a known sending window. */
	OTHER(WindowRegime.NONE);

	private static final RecipientZone[] VALUES = values();

	private final WindowRegime regime;

	private final List<ZoneId> zones;

	RecipientZone(WindowRegime regime, String... zones) {
		this.regime = regime;
		this.zones = java.util.Arrays.stream(zones).map(ZoneId::of).toList();
	}

	public WindowRegime regime() {
		return regime;
	}

	/** The zones in all of which the window must be open; empty when there is no window. */
	public List<ZoneId> zones() {
		return zones;
	}

	/** The zone of this ordinal (the compact form kept in memory). */
	static RecipientZone ofOrdinal(int ordinal) {
		return VALUES[ordinal];
	}

	/** The zone of a number; {@link #UNKNOWN} for none. */
	public static RecipientZone of(PhoneNumber phone) {
		return phone == null ? UNKNOWN : of(phone.e164());
	}

	/** The zone of an E.164 number; {@link #UNKNOWN} for null. */
	public static RecipientZone of(String e164) {
		if (e164 == null) {
			return UNKNOWN;
		}
		if (e164.startsWith("+33")) {
			return FRANCE_METROPOLITAN;
		}
		if (e164.startsWith("+262")) {
			// Mayotte shares +262 with Réunion: 269 fixed lines, 639 mobiles.
			return e164.startsWith("+262269") || e164.startsWith("+262639") ? MAYOTTE : REUNION;
		}
		if (e164.startsWith("+590")) {
			return GUADELOUPE; // with Saint-Barthélemy and Saint-Martin, same offset
		}
		if (e164.startsWith("+594")) {
			return GUYANE;
		}
		if (e164.startsWith("+596")) {
			return MARTINIQUE;
		}
		if (e164.startsWith("+508")) {
			return SAINT_PIERRE_MIQUELON;
		}
		if (e164.startsWith("+687")) {
			return NEW_CALEDONIA;
		}
		if (e164.startsWith("+689")) {
			return FRENCH_POLYNESIA;
		}
		if (e164.startsWith("+681")) {
			return WALLIS_FUTUNA;
		}
		if (e164.startsWith("+1")) {
			return northAmerican(e164);
		}
		return OTHER;
	}

	/** +1 is shared by the US, Canada and the Caribbean: only libphonenumber knows which. */
	private static RecipientZone northAmerican(String e164) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			String region = util.getRegionCodeForNumber(util.parse(e164, null));
			if (!"US".equals(region)) {
				return OTHER;
			}
		}
		catch (NumberParseException e) {
			return OTHER;
		}
		if (e164.startsWith("+1808")) {
			return US_HAWAII;
		}
		if (e164.startsWith("+1907")) {
			return US_ALASKA;
		}
		return US_CONTINENTAL;
	}
}
