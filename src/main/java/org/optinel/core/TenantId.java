package org.optinel.core;

import java.util.Objects;
import java.util.UUID;

/** The identifier of a tenant (one business using Optinel); the leading column of every key. */
public record TenantId(String value) {

	public TenantId {
		Objects.requireNonNull(value, "value");
		UUID.fromString(value); // fails fast on anything that is not a canonical UUID
	}

	public static TenantId of(String value) {
		return new TenantId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
