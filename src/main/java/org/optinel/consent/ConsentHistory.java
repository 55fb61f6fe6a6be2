package org.optinel.consent;

import java.util.List;
import java.util.Optional;

import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

/**
 * Reads of the ledger for proofs and receipts: one contact's events, or one event, each with its
 * evidence and the hash of the event before it. Every call is scoped by tenant, so another tenant's
 * events are never found.
 */
public interface ConsentHistory {

	/** The contact's events in ledger order. */
	List<Entry> ofContact(TenantId tenant, ContactId contact);

	/** One event by its id. */
	Optional<Entry> find(TenantId tenant, String eventId);

	/**
	 * An event as stored ({@code null} when the row cannot be read as one), its evidence document
	 * ({@code null} when there was none or it was erased), and the stored hash of the tenant's event
	 * at {@code seq - 1} ({@code null} for the first event, or when that event is missing).
	 */
	record Entry(long seq, ConsentEvent event, String evidence, String priorHash) {
	}
}
