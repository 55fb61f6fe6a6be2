package org.optinel.eligibility;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.PurposeKind;
import org.optinel.core.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/** The eligibility decision, row by row of its order (RULES.md, "Who may be messaged"). */
class EligibilityUnitTests {

	/** Tuesday 17 June 2025, 12:00 in Paris: inside every default window. */
	private static final Instant NOON = Instant.parse("2025-06-17T10:00:00Z");

	/** Tuesday 17 June 2025, 21:00 in Paris: outside the default French window. */
	private static final Instant NINE_PM = Instant.parse("2025-06-17T19:00:00Z");

	private static final EligibilityPolicy POLICY = new EligibilityPolicy(12, Period.ofMonths(36),
			ZoneId.of("Europe/Paris"), SendingWindows.DEFAULT);

	private static final Message SMS_PROMOTIONS = new Message(Channel.SMS, "promotions", PurposeKind.MARKETING, true);

	private static final Message EMAIL_PROMOTIONS = new Message(Channel.EMAIL, "promotions", PurposeKind.MARKETING, true);

	private static final Message SMS_NEWSLETTER = new Message(Channel.SMS, "newsletter", PurposeKind.MARKETING, false);

	private static final Message SMS_SERVICE = new Message(Channel.SMS, "service", PurposeKind.TRANSACTIONAL, false);

	private static final Message EMAIL_SERVICE = new Message(Channel.EMAIL, "service", PurposeKind.TRANSACTIONAL, false);

	private static final ConsentFacts GRANTED = new ConsentFacts(ConsentStatus.GRANTED, NOON.minus(30, ChronoUnit.DAYS));

	/** A prospect with phone and email, nothing suppressed, no sale. */
	private static Recipient prospect() {
		return new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, false, false, null, false, false, false);
	}

	/** A client who bought last month, details from that sale, opt-out offered (EP-02). */
	private static Recipient client() {
		return new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, false, false,
				NOON.minus(30, ChronoUnit.DAYS), true, true, false);
	}

	private static Recipient suppressedOnSms(Recipient r, boolean stop) {
		return new Recipient(r.hasPhone(), r.hasEmail(), r.phoneZone(), true, r.suppressedEmail(), stop,
				r.lastClientActivityAt(), r.collectedInSale(), r.optOutOffered(), r.professional());
	}

	private static Decision decide(Message m, Recipient r, ConsentFacts c) {
		return Eligibility.decide(m, r, c, POLICY, NOON);
	}

	/** Row 1, GDPR-07: a suppression wins over a proven consent, a soft opt-in and B2B. */
	@Test
	void row1SuppressionDeniesWhateverTheBasis() {
		Decision d = decide(SMS_PROMOTIONS, suppressedOnSms(client(), false), GRANTED);
		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reason()).isEqualTo(DenyReason.SUPPRESSED);
		assertThat(d.rule()).isEqualTo("GDPR-07");
		// the SMS suppression does not touch email
		assertThat(decide(EMAIL_PROMOTIONS, suppressedOnSms(client(), false), GRANTED).basis()).isEqualTo(Basis.CONSENT);
		Recipient b2bEmailSuppressed = new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, true, false,
				null, false, false, true);
		assertThat(decide(EMAIL_PROMOTIONS, b2bEmailSuppressed, null).reason()).isEqualTo(DenyReason.SUPPRESSED);
	}

	/** Row 1 before row 2: a suppressed identifier without the channel's address is SUPPRESSED, not NO_ADDRESS. */
	@Test
	void row1SuppressionComesBeforeNoAddress() {
		Recipient emailOnlyObjected = new Recipient(false, true, RecipientZone.UNKNOWN, true, true, false, null, false,
				false, false);
		assertThat(decide(SMS_PROMOTIONS, emailOnlyObjected, null).reason()).isEqualTo(DenyReason.SUPPRESSED);
	}

	/** Row 2: no phone for SMS, no email for email. */
	@Test
	void row2NoAddressDenies() {
		Recipient emailOnly = new Recipient(false, true, RecipientZone.UNKNOWN, false, false, false, null, false, false,
				false);
		Decision d = decide(SMS_PROMOTIONS, emailOnly, GRANTED);
		assertThat(d.reason()).isEqualTo(DenyReason.NO_ADDRESS);
		Recipient phoneOnly = new Recipient(true, false, RecipientZone.FRANCE_METROPOLITAN, false, false, false, null,
				false, false, false);
		assertThat(decide(EMAIL_PROMOTIONS, phoneOnly, GRANTED).reason()).isEqualTo(DenyReason.NO_ADDRESS);
	}

	/** Row 3: a withdrawal or a refusal denies, even for a client who would qualify for a soft opt-in (EP-02). */
	@Test
	void row3WithdrawnOrDeniedConsentDeniesEvenASoftOptInClient() {
		for (ConsentStatus no : new ConsentStatus[] { ConsentStatus.WITHDRAWN, ConsentStatus.DENIED }) {
			Decision d = decide(SMS_PROMOTIONS, client(), new ConsentFacts(no, NOON.minus(1, ChronoUnit.DAYS)));
			assertThat(d.outcome()).isEqualTo(Outcome.DENY);
			assertThat(d.reason()).isEqualTo(DenyReason.WITHDRAWN);
		}
	}

	/** FR-04: a "no" beats the professional's legitimate interest. */
	@Test
	void row3WithdrawalBeatsB2bLegitimateInterestFR04() {
		Recipient pro = new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, false, false, null, false,
				false, true);
		assertThat(decide(EMAIL_PROMOTIONS, pro, new ConsentFacts(ConsentStatus.WITHDRAWN, NOON)).reason())
			.isEqualTo(DenyReason.WITHDRAWN);
		Decision allowed = decide(EMAIL_PROMOTIONS, pro, null);
		assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(allowed.basis()).isEqualTo(Basis.LEGITIMATE_INTEREST_B2B);
		assertThat(allowed.rule()).isEqualTo("FR-04");
	}

	/** Row 3, EP-01: a proven grant allows with basis CONSENT, for a prospect too. */
	@Test
	void row3ProvenGrantAllowsWithConsentEP01() {
		Decision d = decide(SMS_NEWSLETTER, prospect(), GRANTED);
		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.basis()).isEqualTo(Basis.CONSENT);
		assertThat(d.stale()).isFalse();
		assertThat(d.rule()).isEqualTo("EP-01");
	}

	/** EDPB-02: a grant older than the refresh period still allows, reported stale. */
	@Test
	void staleConsentStaysValidAndIsReportedEDPB02() {
		Decision d = decide(SMS_NEWSLETTER, prospect(),
				new ConsentFacts(ConsentStatus.GRANTED, Instant.parse("2022-06-01T00:00:00Z")));
		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.basis()).isEqualTo(Basis.CONSENT);
		assertThat(d.stale()).isTrue();
		assertThat(d.rule()).isEqualTo("EDPB-02");
	}

	/** EDPB-01: an unproven grant is no basis: DENY UNPROVEN for a prospect. */
	@Test
	void unprovenGrantDeniesEDPB01() {
		Decision d = decide(SMS_NEWSLETTER, prospect(), new ConsentFacts(ConsentStatus.UNPROVEN, NOON));
		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reason()).isEqualTo(DenyReason.UNPROVEN);
		assertThat(d.rule()).isEqualTo("EDPB-01");
	}

	/** A double opt-in grant not confirmed yet is no basis: NO_LEGAL_BASIS for a prospect. */
	@Test
	void pendingGrantIsNoBasis() {
		assertThat(decide(SMS_NEWSLETTER, prospect(), new ConsentFacts(ConsentStatus.PENDING, NOON)).reason())
			.isEqualTo(DenyReason.NO_LEGAL_BASIS);
	}

	/** Row 4, EP-02: a client, details from a sale, opt-out offered, similar products: SOFT_OPT_IN. */
	@Test
	void row4SoftOptInAllowsAClientForSimilarProductsEP02() {
		Decision d = decide(EMAIL_PROMOTIONS, client(), null);
		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.basis()).isEqualTo(Basis.SOFT_OPT_IN);
		assertThat(d.rule()).isEqualTo("EP-02");
		// an unproven or pending grant does not stand in the way of a soft opt-in
		assertThat(decide(EMAIL_PROMOTIONS, client(), new ConsentFacts(ConsentStatus.UNPROVEN, NOON)).basis())
			.isEqualTo(Basis.SOFT_OPT_IN);
	}

	/** EP-02: not for a purpose the tenant did not declare as similar products. */
	@Test
	void softOptInNeedsSimilarProductsEP02() {
		assertThat(decide(SMS_NEWSLETTER, client(), null).reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
	}

	/** EP-02: every condition counts: details from a sale, an opt-out offered. */
	@Test
	void softOptInNeedsASaleAndAnOptOutEP02() {
		Recipient c = client();
		Recipient notInSale = new Recipient(true, true, c.phoneZone(), false, false, false, c.lastClientActivityAt(),
				false, true, false);
		Recipient noOptOut = new Recipient(true, true, c.phoneZone(), false, false, false, c.lastClientActivityAt(),
				true, false, false);
		assertThat(decide(SMS_PROMOTIONS, notInSale, null).reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
		assertThat(decide(SMS_PROMOTIONS, noOptOut, null).reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
	}

	/** FR-03, SEED-01: a prospect (no client-making activity) never has a soft opt-in. */
	@Test
	void prospectsNeverHaveASoftOptInFR03() {
		Recipient prospectFromSale = new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, false, false,
				null, true, true, false);
		assertThat(decide(SMS_PROMOTIONS, prospectFromSale, null).reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
	}

	/** SEED-01: an ex-client (last purchase older than the client window) never has a soft opt-in. */
	@Test
	void exClientsNeverHaveASoftOptInSEED01() {
		Recipient exClient = new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, false, false,
				NOON.minus(400, ChronoUnit.DAYS), true, true, false);
		assertThat(decide(SMS_PROMOTIONS, exClient, null).reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
		// judged at the instant asked: the same contact was a client a year earlier
		assertThat(Eligibility.decide(SMS_PROMOTIONS, exClient, null, POLICY, NOON.minus(365, ChronoUnit.DAYS)).basis())
			.isEqualTo(Basis.SOFT_OPT_IN);
	}

	/** Row 5, EP-01: no consent, no soft opt-in, not professional: DENY NO_LEGAL_BASIS. */
	@Test
	void row5NoBasisDeniesEP01() {
		Decision d = decide(SMS_PROMOTIONS, prospect(), null);
		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reason()).isEqualTo(DenyReason.NO_LEGAL_BASIS);
		assertThat(d.basis()).isNull();
		assertThat(d.notBefore()).isNull();
	}

	/** Row 6, FR-07: an ALLOW of a marketing SMS outside the window is a DEFER to the next opening. */
	@Test
	void row6MarketingSmsOutsideTheWindowIsDeferredFR07() {
		Decision d = Eligibility.decide(SMS_NEWSLETTER, prospect(), GRANTED, POLICY, NINE_PM);
		assertThat(d.outcome()).isEqualTo(Outcome.DEFER);
		assertThat(d.basis()).isEqualTo(Basis.CONSENT);
		assertThat(d.notBefore()).isEqualTo(Instant.parse("2025-06-18T06:00:00Z"));
		assertThat(d.rule()).isEqualTo("FR-07");
		// a DENY stays a DENY at night: the window never turns a "no" into a "later"
		assertThat(Eligibility.decide(SMS_NEWSLETTER, prospect(), null, POLICY, NINE_PM).outcome())
			.isEqualTo(Outcome.DENY);
	}

	/** Row 6: email has no sending window. */
	@Test
	void row6EmailHasNoWindow() {
		Decision d = Eligibility.decide(EMAIL_PROMOTIONS, prospect(), GRANTED, POLICY, NINE_PM);
		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
	}

	/** US-05: a US number at 07:00 Pacific is deferred to 08:00 Pacific. */
	@Test
	void row6UsNumbersFollowTheirOwnWindowUS05() {
		Recipient american = new Recipient(true, false, RecipientZone.US_CONTINENTAL, false, false, false, null, false,
				false, false);
		Decision d = Eligibility.decide(SMS_NEWSLETTER, american, GRANTED, POLICY, Instant.parse("2025-06-17T14:00:00Z"));
		assertThat(d.outcome()).isEqualTo(Outcome.DEFER);
		assertThat(d.notBefore()).isEqualTo(Instant.parse("2025-06-17T15:00:00Z"));
		assertThat(d.rule()).isEqualTo("US-05");
	}

	/** Transactional purposes skip consent and windows (FR-07 exempts them). */
	@Test
	void transactionalSkipsConsentAndWindows() {
		Decision d = Eligibility.decide(SMS_SERVICE, prospect(), new ConsentFacts(ConsentStatus.WITHDRAWN, NOON), POLICY,
				NINE_PM);
		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.basis()).isEqualTo(Basis.TRANSACTIONAL);
		Recipient emailOnly = new Recipient(false, true, RecipientZone.UNKNOWN, false, false, false, null, false, false,
				false);
		assertThat(decide(SMS_SERVICE, emailOnly, null).reason()).isEqualTo(DenyReason.NO_ADDRESS);
	}

	/** KW-01, GDPR-07: an SMS STOP silences the sender, transactional texts included. */
	@Test
	void smsStopSilencesTransactionalTextsKW01() {
		Decision d = decide(SMS_SERVICE, suppressedOnSms(prospect(), true), null);
		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reason()).isEqualTo(DenyReason.SUPPRESSED);
		// an SMS suppression that is not the person's STOP (a bounce, an admin entry) does not stop a receipt
		assertThat(decide(SMS_SERVICE, suppressedOnSms(prospect(), false), null).outcome()).isEqualTo(Outcome.ALLOW);
	}

	/** An email unsubscribe stops marketing email, not a transactional email. */
	@Test
	void emailUnsubscribeDoesNotStopTransactionalEmail() {
		Recipient unsubscribed = new Recipient(true, true, RecipientZone.FRANCE_METROPOLITAN, false, true, false, null,
				false, false, false);
		assertThat(decide(EMAIL_SERVICE, unsubscribed, null).basis()).isEqualTo(Basis.TRANSACTIONAL);
		assertThat(decide(EMAIL_PROMOTIONS, unsubscribed, GRANTED).reason()).isEqualTo(DenyReason.SUPPRESSED);
	}
}
