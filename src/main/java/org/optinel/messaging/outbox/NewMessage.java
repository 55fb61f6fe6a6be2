package org.optinel.messaging.outbox;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * A message to put in the outbox.
 *
 * @param recipient the E.164 number for SMS, the address for email
 * @param contactId the contact it goes to; null when the recipient is in no contact (a reply to an unknown number)
 * @param purpose the purpose it serves, which the eligibility decision is taken for; null only for a reply
 * @param marketing whether it is marketing (a purpose of kind MARKETING): an email then carries the
 *        unsubscribe link and headers (EM-01)
 * @param repermission whether it asks for consent again (FR-12): decided like any marketing message,
 *        except that the lack of a basis does not stop it (a STOP, a withdrawal or a closed window still do)
 * @param originId the campaign or the inbound message it belongs to
 * @param dedupeKey a key that makes asking twice one message; null for none
 * @param sender the SMS sender id, or the email From address
 * @param senderName the name that signs an email (EP-03); null for SMS
 * @param subject the email subject; null for SMS
 * @param html the email's HTML part; null for none
 * @param notBefore the earliest time to send; null for now
 * @param sendBefore the time after which the message is no longer worth sending; null for none
 */
public record NewMessage(TenantId tenant, Channel channel, String recipient, String contactId, String purpose,
		boolean marketing, Origin origin, String originId, String dedupeKey, String sender, String senderName, String subject,
		String text, String html, Instant notBefore, Instant sendBefore, boolean repermission) {

	public NewMessage {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(text, "text");
		if (purpose == null && origin != Origin.REPLY) {
			throw new IllegalArgumentException("only a reply may go without a purpose");
		}
		if (marketing && origin == Origin.REPLY) {
			throw new IllegalArgumentException("a reply is never marketing (US-03)");
		}
		if (marketing && origin == Origin.CONFIRMATION) {
			throw new IllegalArgumentException("a double opt-in confirmation is never marketing");
		}
		if (repermission && !marketing) {
			throw new IllegalArgumentException("a re-permission message is marketing (FR-12)");
		}
		if (channel == Channel.EMAIL && (subject == null || senderName == null)) {
			throw new IllegalArgumentException("an email needs a subject and a sender name");
		}
	}

	/** A message that is not a re-permission request. */
	public NewMessage(TenantId tenant, Channel channel, String recipient, String contactId, String purpose,
			boolean marketing, Origin origin, String originId, String dedupeKey, String sender, String senderName,
			String subject, String text, String html, Instant notBefore, Instant sendBefore) {
		this(tenant, channel, recipient, contactId, purpose, marketing, origin, originId, dedupeKey, sender, senderName,
				subject, text, html, notBefore, sendBefore, false);
	}
}
