package org.optinel.eligibility;

import java.time.Instant;

import org.optinel.consent.ConsentStatus;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.Channel;

/**
 * The eligibility decision, one pure function (RULES.md, "Who may be messaged"). In this order:
 *
 * <ol>
 * <li>{@code SUPPRESSED}: a suppression for the channel or for all denies (GDPR-07). A strictly
 * transactional message is screened only against an SMS STOP from the person (a STOP silences the
 * sender); an email unsubscribe does not stop a receipt.</li>
 * <li>{@code NO_ADDRESS}: no phone for SMS, no email for email.</li>
 * <li>A transactional purpose is allowed here (basis {@code TRANSACTIONAL}): no consent, no window.</li>
 * <li>The consent for (channel, purpose): a withdrawal or refusal denies ({@code WITHDRAWN});
 * a proven grant allows ({@code CONSENT}, EP-01), flagged stale past the refresh period (EDPB-02).
 * A pending double opt-in grant is no basis yet, and neither is an unproven one.</li>
 * <li>Soft opt-in: the purpose is one of the tenant's similar products, the contact is a
 * {@code CLIENT} at {@code at}, its details came from a sale and it was offered an opt-out (EP-02,
 * FR-03, SEED-01).</li>
 * <li>B2B: a professional contact may be messaged on legitimate interest ({@code
 * LEGITIMATE_INTEREST_B2B}, FR-04). It comes after the withdrawal check, so a "no" always wins,
 * and after consent and soft opt-in, which are stronger bases.</li>
 * <li>Otherwise DENY: {@code UNPROVEN} when the only answer is an unproven grant (EDPB-01: it
 * names the re-permission case), else {@code NO_LEGAL_BASIS} (EP-01).</li>
 * <li>An ALLOW of a marketing SMS outside the number's sending window becomes a DEFER to the
 * earliest lawful instant (FR-07, US-05). Email has no window.</li>
 * </ol>
 */
public final class Eligibility {

	private Eligibility() {
	}

	/**
	 * @param consent the current answer for the message's channel and purpose; null when there is none
	 */
	public static Decision decide(Message message, Recipient recipient, ConsentFacts consent, EligibilityPolicy policy,
			Instant at) {
		Channel channel = message.channel();
		if (message.transactional()) {
			if (channel == Channel.SMS && recipient.smsStopped()) {
				return new Decision.Deny(DenyReason.SUPPRESSED, "KW-01");
			}
			if (!recipient.hasAddress(channel)) {
				return new Decision.Deny(DenyReason.NO_ADDRESS, "NO_ADDRESS");
			}
			return new Decision.Allow(Basis.TRANSACTIONAL, "TRANSACTIONAL", false);
		}
		if (recipient.suppressed(channel)) {
			return new Decision.Deny(DenyReason.SUPPRESSED, "GDPR-07");
		}
		if (!recipient.hasAddress(channel)) {
			return new Decision.Deny(DenyReason.NO_ADDRESS, "NO_ADDRESS");
		}
		ConsentStatus status = consent == null ? null : consent.status();
		if (status == ConsentStatus.WITHDRAWN || status == ConsentStatus.DENIED) {
			return new Decision.Deny(DenyReason.WITHDRAWN, "GDPR-05");
		}
		Decision.Allow allow = null;
		if (status == ConsentStatus.GRANTED) {
			boolean stale = consent.since().isBefore(policy.refreshCutoff(at));
			allow = new Decision.Allow(Basis.CONSENT, stale ? "EDPB-02" : "EP-01", stale);
		}
		else if (softOptIn(message, recipient, policy, at)) {
			allow = new Decision.Allow(Basis.SOFT_OPT_IN, "EP-02", false);
		}
		else if (recipient.professional()) {
			allow = new Decision.Allow(Basis.LEGITIMATE_INTEREST_B2B, "FR-04", false);
		}
		else if (status == ConsentStatus.UNPROVEN) {
			return new Decision.Deny(DenyReason.UNPROVEN, "EDPB-01");
		}
		else {
			return new Decision.Deny(DenyReason.NO_LEGAL_BASIS, "EP-01");
		}
		if (channel != Channel.SMS) {
			return allow;
		}
		RecipientZone zone = recipient.phoneZone();
		Instant notBefore = policy.windows().earliest(at, zone);
		if (notBefore.equals(at)) {
			return allow;
		}
		return new Decision.Defer(allow.basis(), notBefore,
				zone.regime() == WindowRegime.UNITED_STATES ? "US-05" : "FR-07", allow.stale());
	}

	/** EP-02 with FR-03 and SEED-01: similar products, a live client, details from a sale, an opt-out offered. */
	static boolean softOptIn(Message message, Recipient recipient, EligibilityPolicy policy, Instant at) {
		return message.similarProducts() && recipient.collectedInSale() && recipient.optOutOffered()
				&& Lifecycle.of(recipient.lastClientActivityAt(), at, policy.clientWindowMonths()) == Lifecycle.CLIENT;
	}
}
