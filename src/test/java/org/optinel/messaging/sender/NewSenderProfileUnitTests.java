package org.optinel.messaging.sender;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Jurisdiction;
import org.optinel.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a sender profile as written becomes, and every fault it is refused for at once. */
class NewSenderProfileUnitTests {

	static final PhoneNumbers PHONES = new PhoneNumbers();

	static final Tenant FRENCH = tenant("Boulangerie Dupont", Jurisdiction.FR);

	@Test
	void absentFieldsTakeTheDefaults() {
		SenderProfile profile = request(null, null, null, null).toProfile(FRENCH, PHONES);

		assertThat(profile).isEqualTo(SenderProfile.defaults("Boulangerie Dupont"));
		assertThat(profile.optOutMode()).isEqualTo(OptOutMode.APPEND);
		assertThat(profile.smsSenderId()).isNull();
		assertThat(profile.smsOptOutMention()).isNull();
	}

	@Test
	void theMentionDefaultsToStopAtTheSendingShortCode() { // FR-05
		assertThat(request("Dupont", "36111", null, null).toProfile(FRENCH, PHONES).smsOptOutMention())
			.isEqualTo("STOP au 36111");
		assertThat(request("Dupont", "36111", null, null).toProfile(tenant("Dupont Ltd", Jurisdiction.UK), PHONES)
			.smsOptOutMention()).isEqualTo("Reply STOP to 36111");
	}

	@Test
	void theMentionOfAnAlphanumericSenderDefaultsToStopAtTheShortCodeRepliesArriveOn() { // FR-05
		SenderProfile profile = request("Dupont", "DUPONT", null, List.of("+33 6 12 34 56 78", "36180"))
			.toProfile(FRENCH, PHONES);

		assertThat(profile.smsOptOutMention()).isEqualTo("STOP au 36180");
	}

	@Test
	void anAlphanumericSenderWithNoShortCodeHasNoMentionUntilOneIsSet() {
		assertThat(request("Dupont", "DUPONT", null, null).toProfile(FRENCH, PHONES).smsOptOutMention()).isNull();
	}

	@ParameterizedTest(name = "[{index}] FR-05: ''{0}'' is accepted as a mention")
	@ValueSource(strings = { "STOP au 36111", "Stop SMS au 36111", "stop : 36111", "STOP PUB 36111", "Arrêt : STOP au 36111" })
	void aMentionHoldsTheWordStop(String mention) {
		assertThat(request("Dupont", "36111", mention, null).toProfile(FRENCH, PHONES).smsOptOutMention())
			.isEqualTo(mention);
	}

	@ParameterizedTest(name = "[{index}] FR-05: ''{0}'' is refused as a mention")
	@ValueSource(strings = { "Répondez NON au 36111", "Désinscription au 36111", "STOPPER au 36111", "ARRET au 36111" })
	void aMentionWithoutTheWordStopIsRefused(String mention) {
		assertThat(violations(request("Dupont", "36111", mention, null))).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("smsOptOutMention");
			assertThat(v.message()).contains("STOP").contains("FR-05");
		});
	}

	@Test
	void aMentionWithAPlaceholderIsRefusedBecauseNothingFillsItIn() { // FR-05
		assertThat(violations(request("Dupont", "36111", "STOP au {shortCode}", null))).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("placeholder").contains("STOP au 36111"));
	}

	@Test
	void aMentionMustSayWhereToSendStopWhenRecipientsCannotReplyToTheSender() { // FR-05
		assertThat(violations(request("Dupont", "DUPONT", "Répondez STOP", null))).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("smsOptOutMention");
			assertThat(v.message()).contains("cannot reply").contains("FR-05");
		});
		assertThat(request("Dupont", "36111", "Répondez STOP", null).toProfile(FRENCH, PHONES).smsOptOutMention())
			.as("recipients reply to the short code itself").isEqualTo("Répondez STOP");
	}

	@Test
	void aMentionMustSendStopToANumberThatRepliesArriveOn() { // FR-05, KW-01
		assertThat(violations(request("Dupont", "DUPONT", "STOP au 36111", List.of("36180")))).singleElement()
			.satisfies(v -> assertThat(v.message()).contains("36111").contains("inboundNumbers"));
		assertThat(request("Dupont", "DUPONT", "STOP au 36111", List.of()).toProfile(FRENCH, PHONES)
			.smsOptOutMention()).as("not checked while no inbound number is declared").isEqualTo("STOP au 36111");
	}

	@Test
	void inboundNumbersAreKeptNormalisedAndOnce() {
		SenderProfile profile = request("Dupont", "36111", null,
				List.of("36111", "06 12 34 56 78", "+33 7 81 23 45 67", "36 180", "36111", "0033612345678"))
			.toProfile(FRENCH, PHONES);

		assertThat(profile.inboundNumbers()).containsExactly("36111", "+33612345678", "+33781234567", "36180");
	}

	@Test
	void eachBadInboundNumberIsNamedByItsPosition() {
		assertThat(violations(request("Dupont", null, null, List.of("36111", " ", "12", "pas un numéro"))))
			.extracting(FieldViolation::field)
			.containsExactly("inboundNumbers[1]", "inboundNumbers[2]", "inboundNumbers[3]");
	}

	@Test
	void theCostPerSegmentNeedsAnAmountAndACurrency() {
		SenderProfile priced = new NewSenderProfile("Dupont", "36111", null, null, null, null, null,
				new BigDecimal("0.045"), "eur").toProfile(FRENCH, PHONES);
		assertThat(priced.smsCostPerSegment()).isEqualTo(new Money(new BigDecimal("0.045"), "EUR"));

		assertThat(violations(new NewSenderProfile("Dupont", null, null, null, null, null, null, null, "EUR")))
			.extracting(FieldViolation::field).containsExactly("smsCostPerSegment.amount");
		assertThat(violations(new NewSenderProfile("Dupont", null, null, null, null, null, null,
				new BigDecimal("0.045"), null))).extracting(FieldViolation::field)
			.containsExactly("smsCostPerSegment.currency");
		assertThat(violations(new NewSenderProfile("Dupont", null, null, null, null, null, null,
				new BigDecimal("0.0000001"), "EURO"))).extracting(FieldViolation::field)
			.containsExactly("smsCostPerSegment.amount", "smsCostPerSegment.currency");
	}

	@Test
	void everyFaultIsAnsweredAtOnceWithTheRuleItBreaks() {
		NewSenderProfile request = new NewSenderProfile("x".repeat(51), "06 12 34 56 78", "Répondez NON au 36111",
				"SOMETIMES", "not an address", "Line\nbreak", List.of("12"), new BigDecimal("-1"), "EUR");

		List<FieldViolation> violations = violations(request);

		assertThat(violations).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("brand", "smsSenderId", "smsOptOutMention", "optOutMode", "emailFromAddress",
					"emailFromName", "inboundNumbers[0]", "smsCostPerSegment.amount");
		assertThat(messageFor(violations, "smsSenderId")).contains("FR-06");
		assertThat(messageFor(violations, "smsOptOutMention")).contains("FR-05");
		assertThat(messageFor(violations, "brand")).contains("EP-03");
		assertThat(messageFor(violations, "optOutMode")).contains("APPEND").contains("REFUSE");
	}

	@Test
	void aTenantNameTooLongToBeTheBrandAsksForOne() { // EP-03
		Tenant longNamed = tenant("Société Coopérative de Boulangerie et Pâtisserie Dupont", Jurisdiction.FR);

		assertThat(violations(request(null, null, null, null), longNamed)).singleElement().satisfies(v -> {
			assertThat(v.field()).isEqualTo("brand");
			assertThat(v.message()).contains("tenant's name");
		});
	}

	@Test
	void theModeIsReadWhateverItsCase() {
		assertThat(new NewSenderProfile("Dupont", null, null, "refuse", null, null, null, null, null)
			.toProfile(FRENCH, PHONES).optOutMode()).isEqualTo(OptOutMode.REFUSE);
	}

	static NewSenderProfile request(String brand, String sender, String mention, List<String> inboundNumbers) {
		return new NewSenderProfile(brand, sender, mention, null, null, null, inboundNumbers, null, null);
	}

	static Tenant tenant(String name, Jurisdiction jurisdiction) {
		return new Tenant(TenantId.of("01900000-0000-7000-8000-000000000001"), name, "FR", ZoneId.of("Europe/Paris"),
				jurisdiction, 12, Set.of("PURCHASE"), Instant.EPOCH);
	}

	private static List<FieldViolation> violations(NewSenderProfile request) {
		return violations(request, FRENCH);
	}

	private static List<FieldViolation> violations(NewSenderProfile request, Tenant tenant) {
		return assertThrows(InvalidInputException.class, () -> request.toProfile(tenant, PHONES)).violations();
	}

	private static String messageFor(List<FieldViolation> violations, String field) {
		return violations.stream().filter(v -> v.field().equals(field)).findFirst().orElseThrow().message();
	}
}
