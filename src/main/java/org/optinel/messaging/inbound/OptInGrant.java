package org.optinel.messaging.inbound;

/**
 * A consent that an opt-in word grants: for which purpose, under which notice. The notice is the
 * text the tenant showed when it told people what the word does; without it a grant is unprovable
 * (GDPR-02), so an opt-in word maps to purposes only through notices.
 */
public record OptInGrant(String purpose, String noticeId) {

	public OptInGrant {
		purpose = purpose == null ? null : purpose.strip();
		noticeId = noticeId == null ? null : noticeId.strip();
	}
}
