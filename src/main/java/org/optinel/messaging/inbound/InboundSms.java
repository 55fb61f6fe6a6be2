package org.optinel.messaging.inbound;

import java.time.Instant;

/**
 * An inbound SMS as a provider delivered it, before any check.
 *
 * @param from the sender's number, as the provider wrote it
 * @param to the number or short code it was sent to
 * @param receivedAt when the provider received it; now when absent
 * @param messageId the provider's id of the message; a second delivery of the same id is ignored
 */
public record InboundSms(InboundProvider provider, String from, String to, String text, Instant receivedAt,
		String messageId) {
}
