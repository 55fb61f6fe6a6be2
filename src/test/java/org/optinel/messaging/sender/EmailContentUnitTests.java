package org.optinel.messaging.sender;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The content rules of an email: a one-line subject, and a From that names the sender of marketing (EP-03). */
class EmailContentUnitTests {

	static final SenderProfile ACME = new SenderProfile("Acme", null, null, OptOutMode.APPEND,
			new EmailAddress("news@acme.example"), "Acme", List.of(), null);

	@Test
	void marketingEmailGoesFromTheProfilesAddressAndName() { // EP-03
		assertThat(EmailContent.prepare(ACME, "  Nos soldes d’été ", true))
			.isEqualTo(new PreparedEmail(new EmailAddress("news@acme.example"), "Acme", "Nos soldes d’été"));
	}

	@Test
	void marketingEmailIsRefusedUntilTheSenderIsNamed() { // EP-03
		List<FieldViolation> violations = violations(SenderProfile.defaults("Acme"), "Nos soldes", true);

		assertThat(violations).extracting(FieldViolation::field).containsExactly("emailFromAddress", "emailFromName");
		assertThat(violations).allSatisfy(v -> assertThat(v.message()).contains("EP-03"));
	}

	@Test
	void transactionalEmailMayGoFromTheGatewaysOwnAddress() {
		assertThat(EmailContent.prepare(SenderProfile.defaults("Acme"), "Votre facture", false))
			.isEqualTo(new PreparedEmail(null, null, "Votre facture"));
	}

	@ParameterizedTest(name = "[{index}] the subject ''{0}'' is refused")
	@ValueSource(strings = { "", "  ", "Soldes\r\nBcc: everyone@example.com", "Soldes\tété" })
	void theSubjectIsOneLineOfText(String subject) {
		assertThat(violations(ACME, subject, false)).singleElement()
			.satisfies(v -> assertThat(v.field()).isEqualTo("subject"));
	}

	@Test
	void theSubjectHasAtMostMaxSubjectCharacters() {
		assertThat(EmailContent.prepare(ACME, "a".repeat(EmailContent.MAX_SUBJECT), true).subject()).hasSize(255);
		assertThat(violations(ACME, "a".repeat(EmailContent.MAX_SUBJECT + 1), true)).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("at most 255"));
	}

	private static List<FieldViolation> violations(SenderProfile profile, String subject, boolean marketing) {
		return assertThrows(InvalidInputException.class, () -> EmailContent.prepare(profile, subject, marketing))
			.violations();
	}
}
