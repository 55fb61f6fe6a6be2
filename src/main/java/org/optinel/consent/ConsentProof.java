package org.optinel.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.optinel.contacts.ContactProfile;
import org.optinel.tenancy.Tenant;

/**
 * Everything needed to demonstrate a contact's consents (GDPR-02): each event in ledger order with
 * the values its hash covers, its evidence or the fact that it was erased, the notices shown, the
 * states that hold now, and the chain checked for these events and for the whole tenant.
 *
 * @param notices the notices the events name, by id
 * @param purposes the purposes the events name, by key
 * @param ledger the tenant-wide verification of the chain
 * @param head the end of the tenant's chain when the proof was made
 */
public record ConsentProof(Tenant tenant, ContactProfile contact, List<Item> events, Map<String, Notice> notices,
		Map<String, Purpose> purposes, List<ConsentState> states, LedgerVerification ledger, ConsentLedger.Head head,
		Instant generatedAt) {

	/** Whether every event of the contact recomputes to its hash, links to its predecessor and matches its evidence. */
	public boolean eventsIntact() {
		return events.stream().allMatch(Item::intact);
	}

	/**
	 * One event and its checks.
	 *
	 * @param fields the hashed values ({@link ChainFields}), {@code null} when the row cannot be read
	 * @param evidence the stored evidence document (canonical JSON), {@code null} when none was given or it was erased
	 * @param hashMatches SHA-256 of the encoded fields equals the stored hash
	 * @param linked the previous hash equals the stored hash of the tenant's event at {@code seq - 1} (or the genesis value)
	 * @param evidenceMatches the evidence document hashes to the committed value; {@code null} when there is no document
	 */
	public record Item(long seq, ConsentEvent event, List<String> fields, String evidence, boolean hashMatches,
			boolean linked, Boolean evidenceMatches) {

		/** Evidence was committed to but is no longer kept: erased, while its hash stays in the chain. */
		public boolean evidenceErased() {
			return event != null && event.evidenceSha256() != null && evidence == null;
		}

		public boolean intact() {
			return event != null && hashMatches && linked && !Boolean.FALSE.equals(evidenceMatches);
		}
	}
}
