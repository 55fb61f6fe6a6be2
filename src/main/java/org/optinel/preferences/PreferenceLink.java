package org.optinel.preferences;

import java.time.Instant;
import java.util.Objects;

import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

/**
 * What a signed preference-centre token names: whose preferences, of which tenant, issued when and
 * valid until when. Only {@link PreferenceLinks} makes one, from a token whose tag it checked.
 */
public record PreferenceLink(TenantId tenant, ContactId contact, Instant issuedAt, Instant expiresAt) {

	public PreferenceLink {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(contact, "contact");
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

	/** Whether the link no longer works at {@code now}. */
	public boolean expiredAt(Instant now) {
		return !now.isBefore(expiresAt);
	}
}
