package org.optinel.pages;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sites a form may be embedded in, as the form rules read them, without Spring. */
class EmbedOriginRulesUnitTests {

	@Test
	void originsAreKeptLowerCasedWithoutTheDefaultPort() {
		FormDefinition d = judge("HTTPS://WWW.Shop.Example.fr:443", "https://shop.example.fr:8443");

		assertThat(d.embedOrigins()).containsExactly("https://www.shop.example.fr", "https://shop.example.fr:8443");
	}

	@Test
	void plainHttpIsAllowedOnTheMachineItselfOnly() {
		FormDefinition d = judge("http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173", "http://localhost:80");

		assertThat(d.embedOrigins()).containsExactly("http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173",
				"http://localhost");

		assertThat(refused("http://shop.example.fr", "http://10.0.0.1", "http://localhost.example.fr"))
			.containsExactly("embedOrigins[0]", "embedOrigins[1]", "embedOrigins[2]");
	}

	@Test
	void aPathQueryFragmentUserOrWildcardIsRefusedNamingItsPlace() {
		assertThat(refused("https://shop.example.fr", "https://shop.example.fr/form", "https://shop.example.fr?a=1",
				"https://shop.example.fr#top", "https://me@shop.example.fr", "https://*.example.fr", "null"))
			.containsExactly("embedOrigins[1]", "embedOrigins[2]", "embedOrigins[3]", "embedOrigins[4]",
					"embedOrigins[5]", "embedOrigins[6]");
	}

	@Test
	void aFormWithoutOriginsMayNotBeEmbeddedAnywhere() {
		assertThat(judge().embedOrigins()).isEmpty();
	}

	private static FormDefinition judge(String... origins) {
		return FormRules.judge(draft(origins), Set.of("newsletter"), HostedFormRulesUnitTests.NOTICES::get);
	}

	private static List<String> refused(String... origins) {
		InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class, () -> judge(origins));
		return invalid.violations().stream().map(FieldViolation::field).toList();
	}

	private static FormDraft draft(String... origins) {
		return new FormDraft("Lettre", List.of(new FormDraft.AskDraft("EMAIL", null, "newsletter", null,
				Map.of("fr", "n-fr", "en", "n-en"), null, null)), List.of(new FormDraft.FieldDraft("email", true)), null,
				"https://example.fr/p", "Exemple SAS", null, null, null, null, List.of(origins));
	}
}
