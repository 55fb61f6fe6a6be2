package org.optinel.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.optinel.core.TenantId;

/**
 * Contributes a contact's consent states to the contact API. Contacts owns this contract and the
 * consent module implements it, so that contacts never depends on consent.
 */
public interface ContactConsents {

	/**
	 * The consent states of each contact, one per channel and purpose that has an answer; a contact
	 * without any may be left out. One call per page of contacts, never one per contact.
	 */
	Map<ContactId, List<ContactConsent>> of(TenantId tenant, Collection<ContactId> contacts);

	/**
	 * One consent state as the contact API shows it.
	 *
	 * @param stale a grant older than the tenant's refresh period (EDPB-02)
	 * @param since when the answer that holds was given
	 */
	record ContactConsent(String channel, String purpose, String status, boolean stale, Instant since) {
	}
}
