package org.optinel.consent;

import java.time.Instant;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * A person withdrew or refused consent for a channel and purpose ({@code action} says which).
 * Published inside the recording transaction.
 */
public record ConsentWithdrawn(TenantId tenant, String eventId, long seq, ContactId contact, Channel channel,
		String purpose, ConsentAction action, Instant occurredAt) {
}
