package org.optinel.messaging;

import java.util.Objects;

/**
 * The size of an SMS as the network counts it.
 *
 * @param encoding GSM-7 or UCS-2
 * @param units septets (an extension character counts two) or UTF-16 code units (an emoji counts two)
 * @param parts messages billed: 1 when the text fits one message, else the parts of the concatenation
 */
public record SmsSize(SmsEncoding encoding, int units, int parts) {

	public SmsSize {
		Objects.requireNonNull(encoding, "encoding");
		if (units < 0 || parts < 1) {
			throw new IllegalArgumentException("units must be >= 0 and parts >= 1");
		}
	}
}
