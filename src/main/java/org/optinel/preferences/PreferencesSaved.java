package org.optinel.preferences;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

/**
 * A person saved choices in the preference centre. Published inside the saving transaction, after
 * the consent events were recorded, so that a listener reads the states they left (a re-permission
 * campaign takes them as the person's answer).
 */
public record PreferencesSaved(TenantId tenant, ContactId contact, List<PreferenceChange> changes, Instant at) {

	public PreferencesSaved {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(contact, "contact");
		changes = List.copyOf(changes);
		Objects.requireNonNull(at, "at");
	}
}
