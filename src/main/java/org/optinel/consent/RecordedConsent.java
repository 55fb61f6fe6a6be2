package org.optinel.consent;

/**
 * A consent event appended to the ledger and the state that now holds for its contact, channel
 * and purpose (which may be an older answer's, when the event was back-dated).
 *
 * @param contactCreated the person was new and became a prospect contact
 * @param confirmation for a pending grant (double opt-in), what the person must send back; otherwise {@code null}
 */
public record RecordedConsent(ConsentEvent event, ConsentState state, boolean contactCreated,
		IssuedConfirmation confirmation) {

	public RecordedConsent(ConsentEvent event, ConsentState state, boolean contactCreated) {
		this(event, state, contactCreated, null);
	}
}
