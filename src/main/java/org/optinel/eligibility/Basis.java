package org.optinel.eligibility;

/** The legal basis on which a message may go. */
public enum Basis {

	/** A proven, current grant for the channel and purpose (EP-01). */
	CONSENT,
	/** A client's details collected in a sale, with an opt-out offered, for the tenant's similar products (EP-02). */
	SOFT_OPT_IN,
	/** A professional's work address, about their profession, with an opt-out in every message (FR-04). */
	LEGITIMATE_INTEREST_B2B,
	/** A strictly transactional message: no consent is needed. */
	TRANSACTIONAL
}
