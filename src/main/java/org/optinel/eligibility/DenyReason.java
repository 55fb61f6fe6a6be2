package org.optinel.eligibility;

/** Why a message may not go. */
public enum DenyReason {

	/** The identifier is on the tenant's suppression list for the channel or for all (GDPR-07). */
	SUPPRESSED,
	/** No phone for SMS, no email for email. */
	NO_ADDRESS,
	/** The latest answer for the channel and purpose is a withdrawal or a refusal. */
	WITHDRAWN,
	/** The only answer is a grant without proof, which is no basis to send (EDPB-01). */
	UNPROVEN,
	/** No consent, no soft opt-in, no B2B legitimate interest (EP-01). */
	NO_LEGAL_BASIS
}
