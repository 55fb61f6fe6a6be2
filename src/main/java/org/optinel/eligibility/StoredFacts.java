package org.optinel.eligibility;

import java.time.Instant;

/**
 * A contact's facts as stored, before the suppression list is consulted.
 *
 * @param phone the E.164 phone, null for none
 * @param phoneHash the keyed hash of the phone (FR-10), null for none
 * @param emailHash the keyed hash of the lower-cased email, null for none
 * @param lastClientActivityAt the last client-making activity, null for none
 * @param consent the answer for the asked channel and purpose, null for none
 */
public record StoredFacts(String contactId, String phone, String phoneHash, boolean hasEmail, String emailHash,
		boolean professional, boolean collectedInSale, boolean optOutOffered, Instant lastClientActivityAt,
		ConsentFacts consent) {
}
