package org.optinel.eligibility;

import java.util.Objects;

import org.optinel.consent.PurposeKind;
import org.optinel.core.Channel;

/**
 * What would be sent: a channel and a purpose, with what the tenant declared about the purpose.
 *
 * @param similarProducts the tenant declares the purpose as its own similar products (a soft opt-in may apply, EP-02)
 */
public record Message(Channel channel, String purpose, PurposeKind kind, boolean similarProducts) {

	public Message {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(purpose, "purpose");
		Objects.requireNonNull(kind, "kind");
	}

	boolean transactional() {
		return kind == PurposeKind.TRANSACTIONAL;
	}
}
