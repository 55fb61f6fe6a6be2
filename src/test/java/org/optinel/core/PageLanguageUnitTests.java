package org.optinel.core;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageLanguageUnitTests {

	@Test
	void theSwitchWinsOverTheBrowserAndTheTenant() {
		assertThat(PageLanguage.choose("en", List.of(Locale.FRENCH), "FR")).isEqualTo("en");
		assertThat(PageLanguage.choose("fr", List.of(Locale.ENGLISH), "GB")).isEqualTo("fr");
	}

	@Test
	void theBrowsersFirstKnownLanguageWinsOverTheTenant() {
		assertThat(PageLanguage.choose(null, List.of(Locale.GERMAN, Locale.UK, Locale.FRENCH), "FR")).isEqualTo("en");
		assertThat(PageLanguage.choose("de", List.of(Locale.CANADA_FRENCH), "GB")).isEqualTo("fr");
	}

	@Test
	void withoutEitherTheTenantsRegionDecides() {
		assertThat(PageLanguage.choose(null, List.of(), "FR")).isEqualTo("fr");
		assertThat(PageLanguage.choose(null, List.of(Locale.GERMAN), "BE")).isEqualTo("fr");
		assertThat(PageLanguage.choose(null, List.of(), "GB")).isEqualTo("en");
		assertThat(PageLanguage.choose(null, List.of(), null)).isEqualTo("fr");
	}
}
