package org.optinel.consent;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * What messages are for, declared by a tenant ({@code newsletter}, {@code promotions}...).
 *
 * @param similarProducts the tenant declares the purpose as its own similar products, which allows a soft opt-in later (EP-02)
 */
public record Purpose(TenantId tenant, String key, String name, String description, PurposeKind kind,
		boolean similarProducts, Instant createdAt) {

	public Purpose {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(createdAt, "createdAt");
	}
}
