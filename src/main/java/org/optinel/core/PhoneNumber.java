package org.optinel.core;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form ({@code +33612345678}); only {@link PhoneNumbers} makes them from input. */
public record PhoneNumber(String e164) {

	/** Compiled once: every contact read and every message queued makes one. */
	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	public PhoneNumber {
		Objects.requireNonNull(e164, "e164");
		if (!E164.matcher(e164).matches()) {
			throw new IllegalArgumentException("not an E.164 number: " + e164);
		}
	}

	@Override
	public String toString() {
		return e164;
	}
}
