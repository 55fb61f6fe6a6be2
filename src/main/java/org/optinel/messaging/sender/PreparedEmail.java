package org.optinel.messaging.sender;

import java.util.Objects;

import org.optinel.core.EmailAddress;

/**
 * The sender and subject of an email that passed the content rules. The unsubscribe link and
 * headers (EM-01) are the sender's to add, not the template's.
 *
 * @param from the {@code From} address; {@code null} only for a transactional email of a tenant
 * that set none, which then goes from the mail gateway's own address
 * @param fromName the display name beside it; {@code null} as for {@code from}
 */
public record PreparedEmail(EmailAddress from, String fromName, String subject) {

	public PreparedEmail {
		Objects.requireNonNull(subject, "subject");
	}
}
