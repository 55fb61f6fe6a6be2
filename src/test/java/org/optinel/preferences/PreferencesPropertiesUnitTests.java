package org.optinel.preferences;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preference centre's settings fail fast at start-up and name the property to fix. */
class PreferencesPropertiesUnitTests {

	@Test
	void menuWordsAreNormalisedAsKeywordsAre() {
		PreferencesProperties properties = new PreferencesProperties(Duration.ofDays(30), List.of("pref", "Préférences"));

		assertThat(properties.smsKeywords()).containsExactly("PREF", "PREFERENCES");
	}

	@Test
	@DisplayName("KW-01, KW-02, KW-03: an opt-out, opt-in or help word cannot be the menu word")
	void aKeywordCannotBeTheMenuWord() {
		for (String word : List.of("stop", "Opt-out", "oui", "AIDE")) {
			assertThatThrownBy(() -> new PreferencesProperties(Duration.ofDays(30), List.of(word)))
				.as(word)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("optinel.preferences.sms-keywords");
		}
	}

	@Test
	void aLinkMustBeValidForSomeTimeAndAtMostAYear() {
		for (Duration validity : List.of(Duration.ZERO, Duration.ofDays(-1), Duration.ofDays(367))) {
			assertThatThrownBy(() -> new PreferencesProperties(validity, List.of("PREF")))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("optinel.preferences.link-validity");
		}
	}
}
