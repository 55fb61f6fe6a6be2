package org.optinel.core;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language of a public page, French or English: the one the person picked with the page's
 * switch ({@code ?lang=}), else the first of the browser's preferences that is one of the two, else
 * the tenant's: French for a tenant in a French-speaking region, English for any other.
 */
public final class PageLanguage {

	public static final String FRENCH = "fr";

	public static final String ENGLISH = "en";

	private static final Set<String> FRENCH_SPEAKING_REGIONS = Set.of("FR", "BE", "CH", "LU", "MC", "CA", "RE", "GP",
			"MQ", "GF", "YT", "NC", "PF", "PM", "BL", "MF", "WF");

	private PageLanguage() {
	}

	/**
	 * @param asked the {@code lang} parameter, or null
	 * @param browser the browser's {@code Accept-Language}, best first; empty when it sent none
	 * @param tenantRegion the tenant's ISO 3166 default region, or null when no tenant is known
	 */
	public static String choose(String asked, List<Locale> browser, String tenantRegion) {
		if (FRENCH.equals(asked) || ENGLISH.equals(asked)) {
			return asked;
		}
		for (Locale locale : browser) {
			if (FRENCH.equals(locale.getLanguage()) || ENGLISH.equals(locale.getLanguage())) {
				return locale.getLanguage();
			}
		}
		return tenantRegion == null || FRENCH_SPEAKING_REGIONS.contains(tenantRegion) ? FRENCH : ENGLISH;
	}

	/** The other of the two, for the switch. */
	public static String other(String language) {
		return ENGLISH.equals(language) ? FRENCH : ENGLISH;
	}
}
