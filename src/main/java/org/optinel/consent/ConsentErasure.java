package org.optinel.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optinel.contacts.ContactErased;
import org.optinel.contacts.PersonalDataHolder;
import org.optinel.core.TenantId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The consent module's part of an erasure (GDPR-10): the evidence documents of the contact's events
 * (IP, browser, phone, message text), its consent states and its double opt-in confirmations go;
 * its events stay in the chain with the contact's bare id, and the chain still verifies because
 * each event commits to its evidence by hash only.
 */
@Component
class ConsentErasure implements PersonalDataHolder {

	private final ConsentLedger ledger;

	ConsentErasure(ConsentLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public Map<String, Long> erasable(TenantId tenant, List<ContactErased> contacts) {
		return kinds(ledger.personalRows(tenant, contacts.stream().map(ContactErased::contact).toList()));
	}

	@EventListener
	void on(ContactErased erased) {
		// Every consent writer takes the head lock first and then checks that the contact exists: holding it
		// until the erasure commits keeps a concurrent answer from writing evidence of a contact being erased.
		ledger.lockHead(erased.tenant());
		ledger.erase(erased.tenant(), erased.contact());
	}

	private static Map<String, Long> kinds(ConsentLedger.PersonalRows rows) {
		Map<String, Long> kinds = new LinkedHashMap<>();
		kinds.put("consentEvidence", rows.evidence());
		kinds.put("consentStates", rows.states());
		kinds.put("consentConfirmations", rows.confirmations());
		return kinds;
	}
}
