package org.optinel.core;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Email addresses are kept as given, trimmed, and compared case-insensitively through their key. */
class EmailAddressUnitTests {

	@Test
	void trimsTheAddressButKeepsItsCase() {
		EmailAddress address = EmailAddress.parse(" \t Jeanne.Martin@Example.FR \n", "email");

		assertThat(address.value()).isEqualTo("Jeanne.Martin@Example.FR");
		assertThat(address).hasToString("Jeanne.Martin@Example.FR");
	}

	@Test
	void theKeyIsTheWholeAddressInLowerCase() {
		EmailAddress upper = EmailAddress.parse("PAUL.Durand@EXAMPLE.fr", "email");
		EmailAddress lower = EmailAddress.parse("paul.durand@example.fr", "email");

		assertThat(upper.key()).isEqualTo("paul.durand@example.fr").isEqualTo(lower.key());
		assertThat(upper.value()).isNotEqualTo(lower.value());
	}

	/** The key must not depend on the machine's language: a Turkish default locale turns I into a dotless ı. */
	@Test
	void theKeyIgnoresTheDefaultLocale() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			assertThat(EmailAddress.parse("INFO@MAIRIE.FR", "email").key()).isEqualTo("info@mairie.fr");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "a@example.fr", "jeanne.martin+news@example.co.uk", "o'brien@example.ie",
			"x_y-z@sub.domain.example.com", "jeanne@exämple.fr", "1234@example.fr" })
	void acceptsOrdinaryAddresses(String raw) {
		assertThat(EmailAddress.parse(raw, "email").value()).isEqualTo(raw);
	}

	@ParameterizedTest(name = "[{index}] ''{0}'': {1}")
	@CsvSource(delimiter = '|', textBlock = """
			jeanne.example.fr        | is not an email address
			jeanne@                  | is not an email address
			@example.fr              | is not an email address
			jeanne@example           | is not an email address
			jeanne@@example.fr       | is not an email address
			jeanne@exa@mple.fr       | is not an email address
			jeanne martin@example.fr | is not an email address
			.jeanne@example.fr       | is not an email address
			jeanne.@example.fr       | is not an email address
			jeanne..martin@example.fr| is not an email address
			jeanne@example..fr       | is not an email address
			jeanne@-example.fr       | is not an email address
			jeanne@example.fr.       | is not an email address
			jeanne@example.f         | is not an email address
			<jeanne@example.fr>      | is not an email address
			Jeanne <jeanne@example.fr> | is not an email address
			""")
	void refusesWhatIsNotAnAddressNamingTheFieldAndTheValue(String raw, String why) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> EmailAddress.parse(raw, "workEmail"))
			.satisfies(e -> assertThat(e.violations()).singleElement().satisfies(v -> {
				assertThat(v.field()).isEqualTo("workEmail");
				assertThat(v.message()).contains("'" + raw + "'").contains(why).contains("name@domain.tld");
			}));
	}

	@Test
	void refusesAnEmptyOrMissingAddressWithAnExample() {
		for (String raw : new String[] { null, "", "  \t " }) {
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> EmailAddress.parse(raw, "email"))
				.satisfies(e -> assertThat(e.violations()).singleElement().satisfies(v -> {
					assertThat(v.field()).isEqualTo("email");
					assertThat(v.message()).contains("empty").contains("@example.fr");
				}));
		}
	}

	@Test
	void refusesAnAddressLongerThan254Characters() {
		String longest = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".fr";
		assertThat(longest).hasSize(254);
		assertThat(EmailAddress.parse(longest, "email").value()).isEqualTo(longest);

		String tooLong = "a" + longest;
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> EmailAddress.parse(tooLong, "email"))
			.satisfies(e -> assertThat(e.violations()).singleElement().satisfies(v -> {
				assertThat(v.field()).isEqualTo("email");
				assertThat(v.message()).contains("254");
			}));
	}

	@Test
	void theProblemDetailNamesTheField() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> EmailAddress.parse("nope", "email"))
			.satisfies(e -> {
				assertThat(e.type()).isEqualTo("invalid-input");
				assertThat(e.kind().status()).isEqualTo(422);
				assertThat(e.detail()).startsWith("email: ");
			});
	}
}
