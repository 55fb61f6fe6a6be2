package org.optinel.messaging.sender;

import java.util.Objects;

import org.optinel.messaging.SmsEncoding;

/**
 * An SMS text that passed the content rules, as it will be sent, and what it will cost.
 *
 * @param text the text to send, with any mention or brand that was appended
 * @param encoding GSM-7, or UCS-2 when a character is outside the GSM alphabet
 * @param segments the messages billed for it, at most {@link SmsContent#MAX_SEGMENTS}
 * @param estimatedCost segments times the profile's cost per segment; {@code null} when that is unknown
 */
public record PreparedSms(String text, SmsEncoding encoding, int segments, Money estimatedCost) {

	public PreparedSms {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(encoding, "encoding");
		if (segments < 1) {
			throw new IllegalArgumentException("segments must be at least 1");
		}
	}
}
