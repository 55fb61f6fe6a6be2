package org.optinel.eligibility;

import java.util.List;
import java.util.Objects;

import org.optinel.core.Channel;

/**
 * Turns stored facts and the active suppressions on a contact's hashes into the decision's
 * {@link Recipient}. A suppression for a channel counts on that channel's address; one for all
 * channels counts on either address, erring on the side of the person (GDPR-07).
 */
final class Screening {

	private Screening() {
	}

	static Recipient recipient(StoredFacts f, List<EligibilityStore.ActiveSuppression> active) {
		boolean sms = false;
		boolean email = false;
		boolean stop = false;
		for (EligibilityStore.ActiveSuppression s : active) {
			boolean onPhone = Objects.equals(s.hash(), f.phoneHash());
			boolean onEmail = Objects.equals(s.hash(), f.emailHash());
			if (s.scope() == null && (onPhone || onEmail)) {
				sms = true;
				email = true;
			}
			if (onPhone && (s.scope() == null || s.scope() == Channel.SMS)) {
				sms = true;
				stop |= s.smsStop();
			}
			if (onEmail && s.scope() == Channel.EMAIL) {
				email = true;
			}
		}
		return new Recipient(f.phone() != null, f.hasEmail(), RecipientZone.of(f.phone()), sms, email, stop,
				f.lastClientActivityAt(), f.collectedInSale(), f.optOutOffered(), f.professional());
	}
}
