package org.optinel.preferences;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.optinel.suppression.KeywordNormaliser;
import org.optinel.suppression.Keywords;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the preference centre ({@code optinel.preferences.*}).
 *
 * @param linkValidity how long a preference-centre link works after it is issued
 * @param smsKeywords the SMS words that answer with a fresh link, normalised as keywords are (KW-01);
 *        a tenant's own opt-out, opt-in and help words are matched first and keep their meaning
 */
@ConfigurationProperties("optinel.preferences")
public record PreferencesProperties(@DefaultValue("30d") Duration linkValidity,
		@DefaultValue("PREF") List<String> smsKeywords) {

	/** The longest validity a link may have: its expiry is written in 32 bits of seconds. */
	static final Duration MAX_VALIDITY = Duration.ofDays(366);

	public PreferencesProperties {
		if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()
				|| linkValidity.compareTo(MAX_VALIDITY) > 0) {
			throw new IllegalStateException("optinel.preferences.link-validity must be positive and at most 366d, "
					+ "e.g. 30d; it is " + linkValidity);
		}
		List<String> words = new ArrayList<>();
		for (String word : smsKeywords == null ? List.<String>of() : smsKeywords) {
			String normalised = KeywordNormaliser.compact(KeywordNormaliser.normalise(word));
			if (normalised.isEmpty()) {
				throw new IllegalStateException("optinel.preferences.sms-keywords holds '" + word
						+ "', which has no letter or digit");
			}
			if (isDefaultKeyword(normalised)) {
				throw new IllegalStateException("optinel.preferences.sms-keywords holds '" + word
						+ "', which is an opt-out, opt-in or help word (KW-01..03); choose another, e.g. PREF");
			}
			words.add(normalised);
		}
		smsKeywords = List.copyOf(words);
	}

	private static boolean isDefaultKeyword(String compacted) {
		Keywords d = Keywords.DEFAULTS;
		return d.optOut().stream().anyMatch(w -> KeywordNormaliser.compact(w).equals(compacted))
				|| d.optIn().stream().anyMatch(w -> KeywordNormaliser.compact(w).equals(compacted))
				|| d.help().stream().anyMatch(w -> KeywordNormaliser.compact(w).equals(compacted));
	}
}
