package org.optinel.messaging.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.Ids;
import org.optinel.core.NotFoundException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.TenantManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: every outbound message is a row, written in the transaction that decided to send it,
 * and sent by the channel's {@link Dispatcher} once that transaction has committed.
 */
@Service
public class Outbox {

	private final OutboxStore store;

	private final TenantManagement tenants;

	private final IdentifierHashing hashing;

	private final Ids ids;

	private final Clock clock;

	private final ObjectProvider<Dispatchers> dispatchers;

	Outbox(OutboxStore store, TenantManagement tenants, IdentifierHashing hashing, Ids ids, Clock clock,
			ObjectProvider<Dispatchers> dispatchers) {
		this.store = store;
		this.tenants = tenants;
		this.hashing = hashing;
		this.ids = ids;
		this.clock = clock;
		this.dispatchers = dispatchers;
	}

	/** A message put in the outbox, or the one already there under the same dedupe key. */
	public record Enqueued(OutboxMessage message, boolean created) {
	}

	/**
	 * Puts a message in the outbox, in the caller's transaction (or one of its own). The dispatcher
	 * hears of it once the transaction has committed.
	 */
	@Transactional
	public Enqueued enqueue(NewMessage m) {
		tenants.require(m.tenant());
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String hash = m.channel() == Channel.SMS ? hashing.phone(m.tenant(), new PhoneNumber(m.recipient()))
				: hashing.email(m.tenant(), EmailAddress.parse(m.recipient(), "recipient"));
		Instant due = m.notBefore() != null && m.notBefore().isAfter(now) ? m.notBefore() : now;
		OutboxMessage row = new OutboxMessage(m.tenant(), ids.next(), m.channel(), m.recipient(), hash, m.contactId(),
				m.purpose(), m.marketing(), m.origin(), m.originId(), m.dedupeKey(), m.sender(), m.senderName(),
				m.subject(), m.text(), m.html(), MessageState.QUEUED, 0, due, m.sendBefore(), null, List.of(), null, now,
				now, null, m.repermission());
		if (!store.insert(row)) {
			return new Enqueued(store.findByDedupeKey(m.tenant(), m.dedupeKey()).orElseThrow(), false);
		}
		afterCommit(() -> dispatchers.ifAvailable(d -> d.queued(m.tenant(), m.channel(), due)));
		return new Enqueued(row, true);
	}

	/**
	 * Holds the origin's queued messages (a paused campaign): the dispatcher leaves them alone. One
	 * being sent at this moment is not recalled; if it comes back to the queue (a retry, a deferral
	 * to the sending window), it is held too.
	 */
	@Transactional
	public int hold(TenantId tenant, Origin origin, String originId) {
		Instant now = clock.instant();
		store.returnsAs(tenant, origin, originId, MessageState.HELD, now);
		return store.move(tenant, origin, originId, MessageState.QUEUED, MessageState.HELD, now);
	}

	/** Puts the origin's held messages back in the queue. */
	@Transactional
	public int release(TenantId tenant, Origin origin, String originId) {
		store.returnsAs(tenant, origin, originId, null, clock.instant());
		int released = store.move(tenant, origin, originId, MessageState.HELD, MessageState.QUEUED, clock.instant());
		if (released > 0) {
			Instant now = clock.instant();
			afterCommit(() -> dispatchers.ifAvailable(d -> {
				d.queued(tenant, Channel.SMS, now);
				d.queued(tenant, Channel.EMAIL, now);
			}));
		}
		return released;
	}

	/**
	 * Ends the origin's queued and held messages (a closed campaign) as EXPIRED, and any being sent
	 * that comes back to the queue later; answers how many ended now.
	 */
	@Transactional
	public int cancel(TenantId tenant, Origin origin, String originId) {
		Instant now = clock.instant();
		store.returnsAs(tenant, origin, originId, MessageState.EXPIRED, now);
		return store.move(tenant, origin, originId, MessageState.QUEUED, MessageState.EXPIRED, now)
				+ store.move(tenant, origin, originId, MessageState.HELD, MessageState.EXPIRED, now);
	}

	/**
	 * Puts many messages of one tenant in the outbox with batched inserts, in the caller's
	 * transaction; a message whose dedupe key is taken is skipped. For campaigns.
	 * @return how many were stored
	 */
	@Transactional
	public int enqueueAll(TenantId tenant, List<NewMessage> messages) {
		return messages.isEmpty() ? 0 : enqueueAll(prepare(tenant, messages));
	}

	/**
	 * Messages made ready for {@link #enqueueAll(Prepared)}: ids, keyed hashes and times worked out,
	 * nothing written. A bulk writer prepares its next batch on another thread while it writes this one.
	 */
	public record Prepared(TenantId tenant, List<OutboxMessage> rows, Map<Channel, Instant> due) {
	}

	/** Works out what {@link #enqueueAll(Prepared)} will store, without a transaction. */
	public Prepared prepare(TenantId tenant, List<NewMessage> messages) {
		tenants.require(tenant);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		IdentifierHashing.Hasher hasher = hashing.hasher(tenant);
		List<OutboxMessage> rows = new java.util.ArrayList<>(messages.size());
		Map<Channel, Instant> due = new java.util.EnumMap<>(Channel.class);
		for (NewMessage m : messages) {
			if (!m.tenant().equals(tenant)) {
				throw new IllegalArgumentException("every message must be of tenant " + tenant.value());
			}
			String hash = m.channel() == Channel.SMS ? hasher.phone(new PhoneNumber(m.recipient()).e164())
					: hasher.emailKey(EmailAddress.parse(m.recipient(), "recipient").key());
			Instant at = m.notBefore() != null && m.notBefore().isAfter(now) ? m.notBefore() : now;
			due.merge(m.channel(), at, (a, b) -> a.isBefore(b) ? a : b);
			rows.add(new OutboxMessage(tenant, ids.next(), m.channel(), m.recipient(), hash, m.contactId(), m.purpose(),
					m.marketing(), m.origin(), m.originId(), m.dedupeKey(), m.sender(), m.senderName(), m.subject(),
					m.text(), m.html(), MessageState.QUEUED, 0, at, m.sendBefore(), null, List.of(), null, now, now, null,
					m.repermission()));
		}
		return new Prepared(tenant, List.copyOf(rows), Map.copyOf(due));
	}

	/**
	 * Stores prepared messages with batched inserts, in the caller's transaction; a message whose
	 * dedupe key is taken is skipped. The dispatchers hear of them after the commit.
	 * @return how many were stored
	 */
	@Transactional
	public int enqueueAll(Prepared prepared) {
		if (prepared.rows().isEmpty()) {
			return 0;
		}
		int stored = store.insertAll(prepared.rows());
		TenantId tenant = prepared.tenant();
		afterCommit(() -> dispatchers.ifAvailable(d -> prepared.due().forEach((channel, at) -> d.queued(tenant, channel, at))));
		return stored;
	}

	/** A message of the tenant. */
	@Transactional(readOnly = true)
	public OutboxMessage find(TenantId tenant, String id) {
		return store.find(tenant, id).orElseThrow(() -> new NotFoundException("message", id));
	}

	/** The message queued under this dedupe key (a campaign's {@code campaign:<id>:<contact>:<step>}), if any. */
	@Transactional(readOnly = true)
	public Optional<OutboxMessage> findByDedupeKey(TenantId tenant, String dedupeKey) {
		return store.findByDedupeKey(tenant, dedupeKey);
	}

	/** The messages of a campaign or an inbound message, oldest first. */
	@Transactional(readOnly = true)
	public List<OutboxMessage> byOrigin(TenantId tenant, Origin origin, String originId, int limit) {
		return store.byOrigin(tenant, origin, originId, limit);
	}

	/** The states of the messages of a campaign, by contact. */
	@Transactional(readOnly = true)
	public Map<String, List<MessageState>> statesByContact(TenantId tenant, Origin origin, String originId) {
		return store.statesByContact(tenant, origin, originId);
	}

	/** How many messages of a campaign or an inbound message are in each state. */
	@Transactional(readOnly = true)
	public Map<MessageState, Long> countByState(TenantId tenant, Origin origin, String originId) {
		return store.countByState(tenant, origin, originId);
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
