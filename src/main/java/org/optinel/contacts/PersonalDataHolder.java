package org.optinel.contacts;

import java.util.List;
import java.util.Map;

import org.optinel.core.TenantId;

/**
 * A module that keeps personal data of contacts outside the contacts module (consent evidence,
 * inbound messages, the outbox). Contacts owns this contract and the holders implement it, so that
 * contacts never depends on them. {@link ContactErasure} asks each holder what erasing would delete
 * (for a dry run and for the report), then publishes {@link ContactErased}, on which each holder
 * deletes exactly those rows in its own listener.
 */
public interface PersonalDataHolder {

	/**
	 * What the holder's {@link ContactErased} listener would delete for these contacts of one
	 * tenant, as row counts by kind (for example {@code consentEvidence}); a few queries for the
	 * whole list, never one per contact. Reads only.
	 */
	Map<String, Long> erasable(TenantId tenant, List<ContactErased> contacts);
}
