package org.optinel.eligibility;

/**
 * A decision about a subject.
 *
 * @param contactId the contact decided about; null when the phone or email is in no contact
 * @param inBase false when the phone or email belongs to no contact (then DENY: SUPPRESSED or NO_LEGAL_BASIS)
 */
public record EligibilityAnswer(Decision decision, String contactId, boolean inBase) {
}
