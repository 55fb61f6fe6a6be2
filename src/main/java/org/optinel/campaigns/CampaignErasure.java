package org.optinel.campaigns;

import java.util.List;
import java.util.Map;

import org.optinel.contacts.ContactErased;
import org.optinel.contacts.PersonalDataHolder;
import org.optinel.core.TenantId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The campaigns' part of an erasure (GDPR-10): a recipient row keeps its bare contact id and what
 * became of it (the campaign's figures), but loses the keyed hashes and the link token that could
 * tie an answer to the person; one still waiting for an answer becomes REMOVED.
 */
@Component
class CampaignErasure implements PersonalDataHolder {

	private final CampaignStore store;

	CampaignErasure(CampaignStore store) {
		this.store = store;
	}

	@Override
	public Map<String, Long> erasable(TenantId tenant, List<ContactErased> contacts) {
		return Map.of("campaignRecipients",
				store.countOfContacts(tenant, contacts.stream().map(c -> c.contact().value()).toList()));
	}

	@EventListener
	void on(ContactErased erased) {
		store.forget(erased.tenant(), erased.contact().value());
	}
}
