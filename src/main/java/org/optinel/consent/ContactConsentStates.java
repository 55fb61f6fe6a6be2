package org.optinel.consent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
	public Map<ContactId, List<ContactConsent>> of(TenantId tenant, Collection<ContactId> contacts) {
		return consents.states(tenant, contacts)
			.stream()
			.collect(Collectors.groupingBy(ConsentState::contact, Collectors.mapping(
					s -> new ContactConsent(s.channel().name(), s.purpose(), s.status().name(), s.stale(), s.since()),
					Collectors.toList())));
	}
}
