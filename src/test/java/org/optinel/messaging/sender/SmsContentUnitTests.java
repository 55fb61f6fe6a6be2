package org.optinel.messaging.sender;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.messaging.SmsEncoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The content rules of an SMS under a sender profile: the opt-out mention (FR-05) and the brand
 * (EP-03) of marketing SMS, a sender id to send them from (FR-06), and for every SMS valid text of
 * at most ten segments.
 */
class SmsContentUnitTests {

	static final Money PRICE = new Money(new BigDecimal("0.045"), "EUR");

	static final SenderProfile ACME = new SenderProfile("Acme", SmsSenderId.parse("36111"), "STOP au 36111",
			OptOutMode.APPEND, null, null, List.of("36111"), PRICE);

	static final SenderProfile REFUSING = new SenderProfile("Acme", SmsSenderId.parse("36111"), "STOP au 36111",
			OptOutMode.REFUSE, null, null, List.of("36111"), null);

	// FR-05: the opt-out mention

	@ParameterizedTest(name = "[{index}] FR-05: the mention is found in ''{0}''")
	@ValueSource(strings = { "Soldes chez Acme ! STOP au 36111", "Soldes chez ACME ! stop AU 36111",
			"Soldes chez Acme !   Stop   au  36111.", "Soldes chez Acmé ! STÔP au 36111",
			"Soldes chez Acme !\nSTOP\u00A0au\u00A036111", "Acme : -20 % (STOP au 36111)", "STOP au 36111 - Acme" })
	void aMentionPresentWhateverItsCaseAccentsAndSpacesIsLeftAsItIs(String text) {
		assertThat(SmsContent.prepare(ACME, text, true).text()).isEqualTo(text);
	}

	@ParameterizedTest(name = "[{index}] FR-05: the mention is appended to ''{0}''")
	@ValueSource(strings = { "Soldes chez Acme ! Répondez STOP", "Soldes chez Acme ! STOP au 36180",
			"Soldes chez Acme ! STOP au 361110", "Soldes chez Acme !" })
	void aMissingMentionIsAppendedOnALastLine(String text) {
		assertThat(SmsContent.prepare(ACME, text, true).text()).isEqualTo(text + "\nSTOP au 36111");
	}

	@Test
	void trailingSpacesAreDroppedBeforeWhatIsAppended() { // FR-05
		assertThat(SmsContent.prepare(ACME, "Soldes chez Acme !  \n", true).text())
			.isEqualTo("Soldes chez Acme !\nSTOP au 36111");
	}

	@Test
	void refusingProfilesRefuseATextWithoutTheMention() { // FR-05, EP-03
		List<FieldViolation> violations = violations(REFUSING, "Soldes chez Acme !", true);

		assertThat(violations).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("text");
			assertThat(v.message()).contains("STOP au 36111").contains("FR-05").contains("APPEND");
		});
	}

	@Test
	void marketingSmsWaitForAnOptOutMention() { // FR-05
		SenderProfile noMention = new SenderProfile("Acme", SmsSenderId.parse("ACME"), null, OptOutMode.APPEND, null,
				null, List.of(), null);

		assertThat(violations(noMention, "Soldes chez Acme !", true)).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("smsOptOutMention");
			assertThat(v.message()).contains("FR-05");
		});
	}

	// EP-03: the brand

	@ParameterizedTest(name = "[{index}] EP-03: ''{0}'' becomes ''{1}''")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Soldes ! STOP au 36111 | Soldes ! STOP au 36111\\nAcme
			Soldes chez Acmeshop ! STOP au 36111 | Soldes chez Acmeshop ! STOP au 36111\\nAcme
			Soldes ! | Soldes !\\nAcme - STOP au 36111
			Soldes chez acme ! STOP au 36111 | Soldes chez acme ! STOP au 36111
			""")
	void aMissingBrandIsAppended(String text, String prepared) {
		assertThat(SmsContent.prepare(ACME, text, true).text()).isEqualTo(prepared.replace("\\n", "\n"));
	}

	@Test
	void anAlphanumericSenderThatSpellsTheBrandNamesTheSender() { // EP-03
		SenderProfile shop = new SenderProfile("Acme", SmsSenderId.parse("ACME-SHOP"), "STOP au 36111",
				OptOutMode.REFUSE, null, null, List.of(), null);

		assertThat(SmsContent.prepare(shop, "Soldes ! STOP au 36111", true).text()).isEqualTo("Soldes ! STOP au 36111");
	}

	@Test
	void anAlphanumericSenderThatDoesNotSpellTheBrandDoesNotNameTheSender() { // EP-03
		SenderProfile promo = new SenderProfile("Acme", SmsSenderId.parse("PROMO"), "STOP au 36111", OptOutMode.APPEND,
				null, null, List.of(), null);

		assertThat(SmsContent.prepare(promo, "Soldes ! STOP au 36111", true).text())
			.isEqualTo("Soldes ! STOP au 36111\nAcme");
	}

	@Test
	void refusingProfilesRefuseATextThatDoesNotNameTheSender() { // EP-03, FR-05
		List<FieldViolation> violations = violations(REFUSING, "Soldes !", true);

		assertThat(violations).hasSize(2).allSatisfy(v -> assertThat(v.field()).isEqualTo("text"));
		assertThat(violations.get(1).message()).contains("'Acme'").contains("EP-03");
	}

	// FR-06: a sender id

	@Test
	void marketingSmsAreRefusedUntilASenderIdIsSet() { // FR-06
		SenderProfile defaults = SenderProfile.defaults("Acme");

		List<FieldViolation> violations = violations(defaults, "Soldes chez Acme ! STOP au 36111", true);

		assertThat(violations).extracting(FieldViolation::field).containsExactly("smsSenderId", "smsOptOutMention");
		assertThat(violations.get(0).message()).contains("set a sender id").contains("FR-06");
	}

	// Every SMS

	@Test
	void transactionalSmsNeedNeitherMentionNorBrandNorSenderId() {
		PreparedSms sms = SmsContent.prepare(SenderProfile.defaults("Acme"), "Votre code : 123456", false);

		assertThat(sms).isEqualTo(new PreparedSms("Votre code : 123456", SmsEncoding.GSM_7, 1, null));
	}

	@Test
	void charactersOutsideTheGsmAlphabetAreSentAsUcs2AndSaidSo() {
		String text = "Soldes d’été chez Acme : -20 % sur tout le magasin ce week-end ! STOP au 36111";

		PreparedSms sms = SmsContent.prepare(ACME, text, true);

		assertThat(sms.text()).isEqualTo(text);
		assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS_2);
		assertThat(sms.segments()).isEqualTo(2);
		assertThat(sms.estimatedCost()).isEqualTo(new Money(new BigDecimal("0.090"), "EUR"));
	}

	@Test
	void anEmojiIsAValidPairOfSurrogates() {
		assertThat(SmsContent.prepare(ACME, "Soldes chez Acme 😀 STOP au 36111", true).encoding())
			.isEqualTo(SmsEncoding.UCS_2);
	}

	@ParameterizedTest(name = "[{index}] an unpaired surrogate is refused: {0}")
	@CsvSource(delimiter = ';', textBlock = """
			high surrogate alone; Promo \uD83D chez Acme
			low surrogate alone; Promo \uDE00 chez Acme
			high surrogate at the end; Promo chez Acme \uD83D
			two high surrogates; Promo \uD83D\uD83D\uDE00 chez Acme
			""")
	void anUnpairedSurrogateIsRefused(String why, String text) {
		assertThat(violations(ACME, text, false)).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("text");
			assertThat(v.message()).contains("surrogate").contains("not valid Unicode");
		});
	}

	@ParameterizedTest(name = "[{index}] the control character U+{0} is refused")
	@ValueSource(strings = { "0000", "0007", "0009", "000B", "000C", "001B", "007F", "0085" })
	void controlCharactersOtherThanLineBreaksAreRefused(String hex) {
		String text = "Votre code" + (char) Integer.parseInt(hex, 16) + "123456";

		assertThat(violations(ACME, text, false)).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("U+" + hex).contains("line breaks"));
	}

	@Test
	void lineBreaksAreAllowed() {
		assertThat(SmsContent.prepare(ACME, "Votre code :\r\n123456\n", false).encoding()).isEqualTo(SmsEncoding.GSM_7);
	}

	@ParameterizedTest(name = "[{index}] an empty text is refused: ''{0}''")
	@ValueSource(strings = { "", "   ", "\n" })
	void anEmptyTextIsRefused(String text) {
		assertThat(violations(ACME, text, false)).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("is empty"));
	}

	@Test
	void tenSegmentsAreSentAndElevenAreNot() {
		PreparedSms ten = SmsContent.prepare(ACME, "a".repeat(153 * 10), false);
		assertThat(ten.segments()).isEqualTo(SmsContent.MAX_SEGMENTS);
		assertThat(ten.estimatedCost()).isEqualTo(new Money(new BigDecimal("0.450"), "EUR"));

		assertThat(violations(ACME, "a".repeat(153 * 10 + 1), false)).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("text");
			assertThat(v.message()).contains("11 segments").contains("GSM-7").contains("at most 10");
		});
	}

	@Test
	void aUcs2TextOverTheLimitNamesTheCharacterThatMadeItUcs2() {
		assertThat(SmsContent.prepare(ACME, "ê".repeat(67 * 10), false).segments()).isEqualTo(10);

		assertThat(violations(ACME, "a".repeat(600) + "ê" + "a".repeat(70), false)).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("11 segments long in UCS-2").contains("'ê'"));
	}

	@Test
	void whatIsAppendedCountsTowardsTheLimit() { // FR-05
		String tenSegments = "Acme " + "a".repeat(153 * 10 - 5);

		assertThat(violations(ACME, tenSegments, true)).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("text");
			assertThat(v.message()).contains("11 segments").contains("appended line 'STOP au 36111'");
		});
	}

	@Test
	void noCostIsEstimatedWithoutAPricePerSegment() {
		assertThat(SmsContent.prepare(REFUSING, "Acme : soldes ! STOP au 36111", true).estimatedCost()).isNull();
	}

	private static List<FieldViolation> violations(SenderProfile profile, String text, boolean marketing) {
		return assertThrows(InvalidInputException.class, () -> SmsContent.prepare(profile, text, marketing),
				() -> "'" + text + "' was accepted").violations();
	}
}
