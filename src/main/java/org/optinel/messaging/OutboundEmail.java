package org.optinel.messaging;

import java.net.URI;
import java.util.Objects;

/**
 * One email handed to a gateway.
 *
 * @param reference Optinel's id of the message, sent as a header for correlation with bounces
 * @param fromAddress the sender's address
 * @param fromName the sender's name the recipient sees (EP-03: every marketing message names the sender)
 * @param to the recipient's address
 * @param text the plain-text part
 * @param html the HTML part; null for a text-only message
 * @param unsubscribe the one-click unsubscribe URL (HTTPS, RFC 8058); null only for a transactional
 *        message. When present it goes into {@code List-Unsubscribe} with
 *        {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (EM-01).
 */
public record OutboundEmail(String reference, String fromAddress, String fromName, String to, String subject,
		String text, String html, URI unsubscribe) {

	public OutboundEmail {
		Objects.requireNonNull(reference, "reference");
		Objects.requireNonNull(fromAddress, "fromAddress");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(text, "text");
		if (fromName == null || fromName.isBlank()) {
			throw new IllegalArgumentException("fromName must name the sender (EP-03)");
		}
		if (unsubscribe != null && !unsubscribe.isAbsolute()) {
			throw new IllegalArgumentException("unsubscribe must be an absolute URL, was " + unsubscribe);
		}
	}

	/** Whether this message carries the RFC 8058 headers. */
	public boolean marketing() {
		return unsubscribe != null;
	}
}
