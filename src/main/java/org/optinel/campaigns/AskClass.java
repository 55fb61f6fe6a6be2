package org.optinel.campaigns;

/** Whether a re-permission message may go to a contact (FR-12), and why. */
public enum AskClass {
	/** A basis, even a weak one: stale or unproven consent, soft opt-in. */
	MAY_ASK_HAS_BASIS,
	/** No basis, a French tenant, never asked before, at or near the end of the retention period: once. */
	MAY_ASK_ONCE_END_OF_RETENTION,
	/** No basis otherwise, a jurisdiction that forbids asking, already asked once, or a no already given. */
	MAY_NOT_ASK;

	public boolean mayAsk() {
		return this != MAY_NOT_ASK;
	}
}
