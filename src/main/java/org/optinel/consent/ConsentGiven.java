package org.optinel.consent;

import java.time.Instant;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * A person granted consent for a channel and purpose. Published inside the recording transaction.
 *
 * @param proven false for a grant recorded without proof, which is no basis to send (EDPB-01)
 */
public record ConsentGiven(TenantId tenant, String eventId, long seq, ContactId contact, Channel channel,
		String purpose, boolean proven, Instant occurredAt) {
}
