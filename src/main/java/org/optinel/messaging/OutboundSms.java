package org.optinel.messaging;

import java.util.Objects;

/**
 * One SMS handed to a gateway.
 *
 * @param reference Optinel's id of the message, for correlation in logs and receipts
 * @param sender the sender id the recipient sees: an alphanumeric name or a short code (FR-06)
 * @param recipient the recipient's number in E.164 ({@code +33612345678})
 * @param text the whole text; the gateway splits it into parts when it does not fit one message
 * @param receiptRequested whether the network should report delivery
 * @param statusCallback where an HTTP provider posts the delivery status of this message, naming its
 *        tenant; null for the provider's configured default (SMPP receipts come on the session)
 */
public record OutboundSms(String reference, String sender, String recipient, String text, boolean receiptRequested,
		java.net.URI statusCallback) {

	public OutboundSms(String reference, String sender, String recipient, String text, boolean receiptRequested) {
		this(reference, sender, recipient, text, receiptRequested, null);
	}

	public OutboundSms {
		Objects.requireNonNull(reference, "reference");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(text, "text");
		if (!recipient.matches("\\+[1-9][0-9]{6,14}")) {
			throw new IllegalArgumentException("recipient must be an E.164 number, was " + recipient);
		}
		if (sender.isBlank()) {
			throw new IllegalArgumentException("sender must not be blank");
		}
	}
}
