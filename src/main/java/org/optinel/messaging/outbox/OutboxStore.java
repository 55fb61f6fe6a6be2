package org.optinel.messaging.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/** Where the outbox keeps its messages. */
public interface OutboxStore {

	/** Stores a new QUEUED message; false when its dedupe key is already taken. */
	boolean insert(OutboxMessage message);

	/** Stores new QUEUED messages in batches; a message whose dedupe key is taken is skipped. Answers how many were stored. */
	int insertAll(List<OutboxMessage> messages);

	Optional<OutboxMessage> find(TenantId tenant, String id);

	Optional<OutboxMessage> findByDedupeKey(TenantId tenant, String dedupeKey);

	/** The messages of one origin (a campaign, an inbound message), oldest first. */
	List<OutboxMessage> byOrigin(TenantId tenant, Origin origin, String originId, int limit);

	/** The states of an origin's messages, by contact. */
	Map<String, List<MessageState>> statesByContact(TenantId tenant, Origin origin, String originId);

	/** How many messages of an origin are in each state. */
	Map<MessageState, Long> countByState(TenantId tenant, Origin origin, String originId);

	/**
	 * Marks up to {@code limit} due QUEUED messages of one channel SUBMITTING, counting an attempt,
	 * and answers them, oldest due first.
	 */
	List<OutboxMessage> claim(TenantId tenant, Channel channel, Instant now, int limit);

	/** When the next QUEUED message of the channel falls due, if any. */
	Optional<Instant> earliestDue(TenantId tenant, Channel channel);

	/** Records what became of claimed messages; one settled QUEUED whose origin is held takes the state set by {@link #returnsAs}. */
	void settle(List<Settlement> settlements);

	/** Moves the origin's messages in state {@code from} to {@code to}; answers how many. */
	int move(TenantId tenant, Origin origin, String originId, MessageState from, MessageState to, Instant at);

	/**
	 * Says what a message of the origin that comes back to the queue from being sent (a retry, a
	 * deferral) becomes instead of QUEUED: HELD while a campaign is paused, EXPIRED once it is
	 * closed; {@code null} lets such messages queue again.
	 */
	void returnsAs(TenantId tenant, Origin origin, String originId, MessageState state, Instant at);

	/** Every SUBMITTING message of the tenant becomes UNCERTAIN, as after a crash; answers how many. */
	int interrupted(TenantId tenant, Instant now, String reason);

	/**
	 * Records a delivery receipt for the part with this provider id, and the message's state when
	 * every part has reported. Empty when no message has a part with that id.
	 */
	Optional<MessageState> report(TenantId tenant, String providerId, String partState, boolean delivered,
			Instant at);

	/** Which tenant, of those named, sent the part with this provider id. */
	Optional<TenantId> tenantOfPart(List<TenantId> tenants, String providerId);

	/**
	 * The messages to some people, oldest first: those addressed to one of the contacts, and those
	 * to one of the addresses (by keyed hash) addressed to no contact.
	 */
	List<OutboxMessage> toRecipients(TenantId tenant, Collection<String> contactIds, Collection<String> recipientHashes);

	/** How many messages and parts {@link #eraseRecipients} would delete. */
	Counts countToRecipients(TenantId tenant, Collection<String> contactIds, Collection<String> recipientHashes);

	/**
	 * Deletes the messages of {@link #toRecipients} and their parts (GDPR-10), whatever their state:
	 * one being sent is settled into nothing, and its receipts find no message.
	 */
	Counts eraseRecipients(TenantId tenant, Collection<String> contactIds, Collection<String> recipientHashes);

	/** Outbox messages and their parts. */
	record Counts(long messages, long parts) {
	}

	/** What became of one claimed message. */
	record Settlement(TenantId tenant, String id, MessageState state, String reason, Instant nextAttemptAt,
			boolean attemptCounts, String provider, List<String> providerIds, Instant at) {
	}
}
