package org.optinel.core;

import java.util.Objects;

/** The identifier of a tenant (one business using Optinel); the leading column of every key. */
public record TenantId(String value) {

	public TenantId {
		Objects.requireNonNull(value, "value");
		if (!Ids.isCanonical(value)) {
			throw new IllegalArgumentException("not a tenant id: " + value);
		}
	}

	public static TenantId of(String value) {
		return new TenantId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
