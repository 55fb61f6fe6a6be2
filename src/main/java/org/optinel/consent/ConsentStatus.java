package org.optinel.consent;

/**
 * The current answer for one contact, channel and purpose. Only {@code GRANTED} is a basis to
 * send; {@code UNPROVEN} is a grant without proof, kept visible for re-permission (EDPB-01).
 * {@code PENDING} is a double opt-in grant that the person has not confirmed yet.
 */
public enum ConsentStatus {

	GRANTED, WITHDRAWN, DENIED, PENDING, UNPROVEN;

	/** The status an event leaves behind. */
	static ConsentStatus after(ConsentAction action, boolean proven) {
		switch (action) {
			case GRANT:
				return proven ? GRANTED : UNPROVEN;
			case WITHDRAW:
				return WITHDRAWN;
			default:
				return DENIED;
		}
	}

	/** Whether the status rests on a grant, and so can grow stale (EDPB-02). */
	public boolean isGrant() {
		return this == GRANTED || this == UNPROVEN;
	}
}
