package org.optinel.pages.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTextsUnitTests {

	@Test
	void aFrenchPageReadsTheFormsRefusalsInFrench() {
		assertThat(ErrorTexts.in("fr", "is required")).isEqualTo("est obligatoire");
		assertThat(ErrorTexts.in("fr", "'jeanne@' is not an email address (expected name@domain.tld)"))
			.isEqualTo("« jeanne@ » n'est pas une adresse e-mail (attendu : nom@domaine.fr)");
		assertThat(ErrorTexts.in("fr", "'06 12' is not a valid number (too short for FR)"))
			.isEqualTo("« 06 12 » n'est pas un numéro de téléphone valide");
		assertThat(ErrorTexts.in("fr", "is needed for the SMS consent you ticked"))
			.isEqualTo("est nécessaire pour le consentement par SMS que vous avez coché");
		assertThat(ErrorTexts.in("fr", "is longer than 200 characters")).isEqualTo("dépasse 200 caractères");
	}

	@Test
	void whatATypedValueHoldsIsShownAsItIsNeverReadAsAReplacement() {
		assertThat(ErrorTexts.in("fr", "'$1 \\ x' is not an email address (expected name@domain.tld)"))
			.isEqualTo("« $1 \\ x » n'est pas une adresse e-mail (attendu : nom@domaine.fr)");
	}

	@Test
	void englishAndUnknownMessagesAreShownAsTheyAre() {
		assertThat(ErrorTexts.in("en", "is required")).isEqualTo("is required");
		assertThat(ErrorTexts.in("fr", "something new")).isEqualTo("something new");
	}
}
