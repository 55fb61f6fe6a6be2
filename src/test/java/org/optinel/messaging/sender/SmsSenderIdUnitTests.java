package org.optinel.messaging.sender;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sender id rule (FR-06): a short code of 4 to 6 digits, or 3 to 11 of the letters A-Z,
 * digits, space, '-' and '.' with at least one letter; never a phone number in any form.
 */
class SmsSenderIdUnitTests {

	@ParameterizedTest(name = "[{index}] ''{0}'' is accepted as ''{1}'' (short code: {2})")
	@CsvSource(delimiter = ';', textBlock = """
			ACME; ACME; false
			Acme; Acme; false
			ACME-SHOP; ACME-SHOP; false
			Acme Shop; Acme Shop; false
			ACME.FR; ACME.FR; false
			ABC; ABC; false
			ABCDEFGHIJK; ABCDEFGHIJK; false
			SHOP2024; SHOP2024; false
			'  ACME  '; ACME; false
			36111; 36111; true
			1234; 1234; true
			123456; 123456; true
			36 111; 36111; true
			""")
	void acceptsShortCodesAndAlphanumericSenders(String raw, String value, boolean shortCode) {
		SmsSenderId sender = SmsSenderId.parse(raw);

		assertThat(sender.value()).isEqualTo(value);
		assertThat(sender.isShortCode()).isEqualTo(shortCode);
		assertThat(sender.isAlphanumeric()).isEqualTo(!shortCode);
	}

	@ParameterizedTest(name = "[{index}] FR-06: the French mobile ''{0}'' is refused")
	@ValueSource(strings = { "0612345678", "0712345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78",
			"+33612345678", "+33712345678", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "33612345678", "33712345678",
			"33 6 12 34 56 78", "0033612345678", "0033 7 12 34 56 78", "(06) 12 34 56 78" })
	void refusesAFrenchMobileNumberInEveryForm(String raw) {
		assertThat(refusal(raw)).contains("French mobile").contains("FR-06");
	}

	@ParameterizedTest(name = "[{index}] FR-06: the phone number ''{0}'' is refused ({1})")
	@CsvSource(delimiter = ';', textBlock = """
			+447911123456; international form
			+14155552671; international form
			+33145678901; international form
			0033145678901; international form
			447911123456; looks like a phone number
			14155552671; looks like a phone number
			0145678901; looks like a phone number
			1234567; looks like a phone number
			0612; starts with 0
			""")
	void refusesAnyOtherPhoneNumber(String raw, String why) {
		assertThat(refusal(raw)).contains(why).contains("FR-06");
	}

	@ParameterizedTest(name = "[{index}] FR-06: ''{0}'' hides a phone number among letters")
	@ValueSource(strings = { "A0612345678", "ACME0612345", "SHOP1234567", "A 06 12 34 56", "O6l2345678" })
	void refusesAnAlphanumericSenderThatShowsAPhoneNumber(String raw) {
		assertThat(refusal(raw)).contains("looks like a phone number").contains("FR-06");
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' is refused: {1}")
	@CsvSource(delimiter = ';', textBlock = """
			AB; has 2 characters
			ABCDEFGHIJKL; has 12 characters
			Boulangerie Dupont; has 18 characters
			ACME_SHOP; holds '_'
			Crème; holds 'è'
			ACME!; holds '!'
			A&B; holds '&'
			...; needs at least one letter
			123; too short for a short code
			''; is empty
			""")
	void refusesWhatNetworksWouldNotShowAsWritten(String raw, String why) {
		assertThat(refusal(raw)).contains(why);
	}

	@Test
	void aStoredSenderIsCheckedAgainWhenItIsRead() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> new SmsSenderId("0612345678"));
		assertThat(new SmsSenderId("36111").isShortCode()).isTrue();
	}

	private static String refusal(String raw) {
		InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
				() -> SmsSenderId.parse(raw), () -> "'" + raw + "' was accepted");
		assertThat(refused.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("smsSenderId"));
		return refused.violations().get(0).message();
	}
}
