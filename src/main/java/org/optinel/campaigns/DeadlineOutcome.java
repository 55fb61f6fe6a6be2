package org.optinel.campaigns;

/** What happens to those who did not answer by the deadline. */
public enum DeadlineOutcome {
	/** Their personal data is deleted, keeping suppression hashes and the ledger (SEED-04, the default). */
	DELETE,
	/** They are only put on the suppression list. */
	SUPPRESS
}
