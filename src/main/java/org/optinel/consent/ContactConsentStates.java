package org.optinel.consent;

import java.util.List;

import org.optinel.contacts.ContactConsents;
import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

import org.springframework.stereotype.Component;

/** Gives the contact API each contact's consent states. */
@Component
class ContactConsentStates implements ContactConsents {

	private final ConsentManagement consents;

	ContactConsentStates(ConsentManagement consents) {
		this.consents = consents;
	}

	@Override
	public List<ContactConsent> of(TenantId tenant, ContactId contact) {
		return consents.states(tenant, contact)
			.stream()
			.map(s -> new ContactConsent(s.channel().name(), s.purpose(), s.status().name(), s.stale(), s.since()))
			.toList();
	}
}
