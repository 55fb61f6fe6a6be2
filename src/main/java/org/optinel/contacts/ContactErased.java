package org.optinel.contacts;

import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * A contact is being erased (GDPR-10). Published by {@link ContactErasure} inside the erasing
 * transaction, once per contact and before its row is deleted: each module that keeps personal data
 * of the contact deletes it in its listener, in the same transaction, so that the erasure commits
 * whole or not at all. The suppression list and the consent ledger's events are kept (FR-10).
 *
 * <p>Carries the contact's identifiers so that listeners can find rows keyed by them (an inbound
 * message from the number, an outbox message to the address); it must never be stored.
 *
 * @param phoneE164 the contact's phone in E.164, or {@code null}
 * @param emailKey the contact's email as compared (lower case), or {@code null}
 * @param phoneHash the tenant's keyed hash of the phone, or {@code null}
 * @param emailHash the tenant's keyed hash of the email, or {@code null}
 * @param erasureId the erasure this is part of, named by its audit entries
 * @param reason why: {@code REQUEST} (art. 17), {@code RETENTION} (FR-09), ...
 */
public record ContactErased(TenantId tenant, ContactId contact, String phoneE164, String emailKey, String phoneHash,
		String emailHash, String erasureId, String reason) {

	public ContactErased {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(contact, "contact");
		Objects.requireNonNull(erasureId, "erasureId");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public String toString() {
		// Never the identifiers: an event may end up in a log line.
		return "ContactErased[tenant=" + tenant + ", contact=" + contact + ", erasure=" + erasureId + ", reason="
				+ reason + "]";
	}
}
