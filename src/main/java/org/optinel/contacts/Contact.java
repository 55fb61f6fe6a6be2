package org.optinel.contacts;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;

/**
 * A person in one tenant's base, as stored. Has a phone, an email, or both.
 *
 * @param collectedInSale the details were obtained from the person in a sale (needed for a soft opt-in, EP-02)
 * @param optOutOffered the person was offered a free opt-out when the details were collected (EP-02)
 * @param professional a work address of a professional (B2B rules, FR-04)
 * @param importId the import that created the contact, if any (provenance)
 */
public record Contact(ContactId id, TenantId tenant, String externalRef, EmailAddress email, PhoneNumber phone,
		String firstName, String lastName, String locale, String country, boolean professional, boolean collectedInSale,
		boolean optOutOffered, String importId, Instant createdAt, Instant updatedAt) {

	public Contact {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if (email == null && phone == null) {
			throw new IllegalArgumentException("a contact has a phone, an email, or both");
		}
	}
}
