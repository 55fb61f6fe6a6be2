package org.optinel.messaging.outbox;

import java.time.Instant;
import java.util.List;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * A message in the outbox, as stored.
 *
 * @param attempts how many times it was claimed for sending
 * @param providerIds the ids the provider gave its parts, once accepted
 * @param reason why it was blocked, failed, retried or is uncertain
 */
public record OutboxMessage(TenantId tenant, String id, Channel channel, String recipient, String recipientHash,
		String contactId, String purpose, boolean marketing, Origin origin, String originId, String dedupeKey, String sender,
		String senderName, String subject, String text, String html, MessageState state, int attempts,
		Instant nextAttemptAt, Instant sendBefore, String provider, List<String> providerIds, String reason,
		Instant createdAt, Instant updatedAt, Instant submittedAt, boolean repermission) {

	public OutboxMessage {
		providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
	}

	/** Whether the eligibility decision is taken again right before this message leaves. */
	public boolean decidedBeforeSending() {
		return origin != Origin.REPLY;
	}

	/**
	 * Whether the suppression list silences this message as it silences marketing: marketing itself,
	 * and double opt-in confirmations (see {@link Origin#CONFIRMATION}).
	 */
	public boolean screenedAsMarketing() {
		return marketing || origin == Origin.CONFIRMATION;
	}
}
