package org.optinel.consent;

/**
 * A consent event appended to the ledger and the state that now holds for its contact, channel
 * and purpose (which may be an older answer's, when the event was back-dated).
 *
 * @param contactCreated the person was new and became a prospect contact
 */
public record RecordedConsent(ConsentEvent event, ConsentState state, boolean contactCreated) {
}
