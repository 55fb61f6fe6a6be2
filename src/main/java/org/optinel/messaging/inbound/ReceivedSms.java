package org.optinel.messaging.inbound;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;
import org.optinel.suppression.KeywordMatch;

/**
 * An inbound message as stored, with what it led to: the evidence that suppressions, consent
 * events and activities point to by {@code messageId}.
 *
 * @param from the sender in E.164
 * @param contactId the contact holding the sender's number (or created by an opt-in grant); {@code null} for none
 */
public record ReceivedSms(TenantId tenant, String messageId, InboundProvider provider, String from, String to,
		String text, Instant receivedAt, Instant recordedAt, KeywordMatch.Kind kind, String keyword,
		InboundOutcome outcome, String contactId) {

	public ReceivedSms {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(recordedAt, "recordedAt");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(outcome, "outcome");
	}

	ReceivedSms settled(InboundOutcome settledOutcome, String settledContact) {
		return new ReceivedSms(tenant, messageId, provider, from, to, text, receivedAt, recordedAt, kind, keyword,
				settledOutcome, settledContact);
	}
}
