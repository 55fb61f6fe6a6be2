package org.optinel.core;

import java.util.Objects;

/** A phone number in E.164 form ({@code +33612345678}); only {@link PhoneNumbers} makes them from input. */
public record PhoneNumber(String e164) {

	public PhoneNumber {
		Objects.requireNonNull(e164, "e164");
		if (!e164.matches("\\+[1-9]\\d{6,14}")) {
			throw new IllegalArgumentException("not an E.164 number: " + e164);
		}
	}

	@Override
	public String toString() {
		return e164;
	}
}
