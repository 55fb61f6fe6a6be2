package org.optinel.pages;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.consent.ConsentRefusedException;
import org.optinel.consent.Notice;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of a form definition, without Spring: links, colours, fields, duplicate asks. */
class HostedFormRulesUnitTests {

	static final TenantId TENANT = TenantId.of("01234567-89ab-7def-8123-456789abcdef");

	static final Map<String, Notice> NOTICES = Map.of("n-fr", notice("n-fr", "fr"), "n-en", notice("n-en", "en-GB"));

	@Test
	void aValidDraftBecomesADefinitionWithItsBrandDefaultedToTheController() {
		FormDefinition d = FormRules.judge(draft(List.of(ask("EMAIL")), null, "https://example.fr/p"), Set.of("newsletter"),
				NOTICES::get);

		assertThat(d.asks()).hasSize(1);
		assertThat(d.brand().name()).isEqualTo("Exemple SAS");
		assertThat(d.field("email").required()).isTrue();
	}

	@Test
	void linksMustBeHttpsAndTheColourMustBeRrggbb() {
		FormDraft draft = draft(List.of(ask("EMAIL")), new FormDraft.BrandDraft("B", "http://cdn.example.fr/l.png", "red"),
				"javascript:alert(1)");

		InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
				() -> FormRules.judge(draft, Set.of("newsletter"), NOTICES::get));

		assertThat(invalid.violations()).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("brand.logoUrl", "brand.primaryColour", "privacyPolicyUrl");
	}

	@Test
	@DisplayName("GDPR-04: the same channel and purpose asked twice is refused")
	void theSameChannelAndPurposeAskedTwiceIsRefused() {
		ConsentRefusedException refused = catchThrowableOfType(ConsentRefusedException.class, () -> FormRules
			.judge(draft(List.of(ask("EMAIL"), ask("EMAIL")), null, "https://example.fr/p"), Set.of("newsletter"),
					NOTICES::get));

		assertThat(refused.properties()).containsEntry("rule", "GDPR-04");
		assertThat(errors(refused)).contains("asks[1]");
	}

	@Test
	void anSmsAskWithoutThePhoneFieldIsRefused() {
		InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
				() -> FormRules.judge(draft(List.of(ask("SMS")), null, "https://example.fr/p"), Set.of("newsletter"),
						NOTICES::get));

		assertThat(invalid.violations()).extracting(FieldViolation::field).contains("asks[0].channel");
	}

	private static List<String> errors(OptinelException e) {
		return ((List<?>) e.properties().get("errors")).stream().map(v -> ((FieldViolation) v).field()).toList();
	}

	private static FormDraft.AskDraft ask(String channel) {
		return new FormDraft.AskDraft(channel, null, "newsletter", null, Map.of("fr", "n-fr", "en", "n-en"), null, null);
	}

	private static FormDraft draft(List<FormDraft.AskDraft> asks, FormDraft.BrandDraft brand, String privacy) {
		return new FormDraft("Lettre", asks, List.of(new FormDraft.FieldDraft("email", true)), brand, privacy,
				"Exemple SAS", null, null, null, null);
	}

	private static Notice notice(String id, String language) {
		return new Notice(id, TENANT, "newsletter", language, 1, "Texte", "0".repeat(64), java.time.Instant.EPOCH);
	}
}
