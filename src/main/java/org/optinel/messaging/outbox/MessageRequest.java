package org.optinel.messaging.outbox;

import org.optinel.core.Channel;

/**
 * A message a caller asks to send through the outbox.
 *
 * @param contactId the contact to send to, at its phone (SMS) or email; or else
 * @param phone an E.164 or national number (SMS), or
 * @param email an address (EMAIL)
 * @param purpose the purpose the message serves: its kind says whether it is marketing
 * @param text the SMS text, or the email's plain-text part
 * @param subject the email subject
 * @param html the email's HTML part, optional
 */
public record MessageRequest(Channel channel, String contactId, String phone, String email, String purpose,
		String text, String subject, String html) {
}
