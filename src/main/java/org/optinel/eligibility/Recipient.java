package org.optinel.eligibility;

import java.time.Instant;

import org.optinel.core.Channel;

/**
 * What the decision needs to know about a contact (or about an identifier that is no contact).
 *
 * @param phoneZone where the phone's owner lives, as the number tells; {@link RecipientZone#UNKNOWN} without a phone
 * @param suppressedSms an active suppression for SMS or for all channels on the contact's phone, or for all
 *        channels on its email (GDPR-07)
 * @param suppressedEmail the same for email
 * @param smsStopped the SMS suppression came from the person's STOP reply: it silences even transactional texts
 * @param lastClientActivityAt the last client-making activity, null for none (SEED-01)
 * @param collectedInSale the details were obtained in a sale (EP-02)
 * @param optOutOffered an opt-out was offered at collection (EP-02)
 * @param professional a professional's work address (FR-04)
 */
public record Recipient(boolean hasPhone, boolean hasEmail, RecipientZone phoneZone, boolean suppressedSms,
		boolean suppressedEmail, boolean smsStopped, Instant lastClientActivityAt, boolean collectedInSale,
		boolean optOutOffered, boolean professional) {

	public Recipient {
		if (phoneZone == null) {
			phoneZone = RecipientZone.UNKNOWN;
		}
	}

	boolean hasAddress(Channel channel) {
		return channel == Channel.SMS ? hasPhone : hasEmail;
	}

	boolean suppressed(Channel channel) {
		return channel == Channel.SMS ? suppressedSms : suppressedEmail;
	}
}
