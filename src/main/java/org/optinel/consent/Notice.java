package org.optinel.consent;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * The exact text shown to a person when consent was asked, per purpose and language. Immutable:
 * a new text is a new version, and {@code sha256} (hex, over the UTF-8 text) is what the ledger
 * commits to.
 */
public record Notice(String id, TenantId tenant, String purpose, String language, int version, String text,
		String sha256, Instant createdAt) {

	public Notice {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(purpose, "purpose");
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(sha256, "sha256");
		if (version < 1) {
			throw new IllegalArgumentException("versions start at 1");
		}
	}
}
