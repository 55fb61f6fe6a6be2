package org.optinel.consent;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.optinel.contacts.ContactId;
import org.optinel.core.TenantId;

/**
 * Storage of the consent ledger (append-only), the evidence beside it, and the consent states
 * projected from it. Every call is scoped by tenant.
 */
public interface ConsentLedger {

	/**
	 * The end of the tenant's chain, locked until the transaction ends so that appends for one
	 * tenant happen one at a time. Must be called inside a transaction.
	 */
	Head lockHead(TenantId tenant);

	/** The end of the tenant's chain as last recorded, without locking; seq 0 before the first event. */
	Head head(TenantId tenant);

	/** Appends the event and its evidence document (may be null), and moves the head to it. */
	void append(ConsentEvent event, String evidence);

	/**
	 * Appends events of one tenant, in order, with their evidence documents ({@code evidence.get(i)}
	 * for {@code events.get(i)}, null when there is none), and moves the head to the last. Their
	 * sequence numbers must follow on from the head, which the caller holds locked.
	 */
	void appendAll(List<ConsentEvent> events, List<String> evidence);

	/** Stores each state unless the stored one for its key happened later; at most one state per key. */
	void projectAll(TenantId tenant, Collection<ConsentState> states);

	/** Stores {@code state} unless the stored one for its key happened later. */
	void project(TenantId tenant, ConsentState state);

	/** The states of these contacts, by contact, channel and purpose. */
	List<ConsentState> states(TenantId tenant, Collection<ContactId> contacts);

	List<ConsentState> states(TenantId tenant);

	/** Replaces every state of the tenant. */
	void replaceStates(TenantId tenant, Collection<ConsentState> states);

	/** Every event of the tenant in ledger order, with its evidence document if it was kept. */
	void forEachEntry(TenantId tenant, Consumer<Entry> action);

	/**
	 * What is kept beside the chain about these contacts, all personal data or linked to it:
	 * evidence documents, consent states and double opt-in confirmations.
	 */
	PersonalRows personalRows(TenantId tenant, Collection<ContactId> contacts);

	/**
	 * Deletes what is kept beside the chain about a contact (GDPR-10). Its events stay, as the
	 * chain needs them, and still verify: an erased document's hash stays committed to.
	 */
	PersonalRows erase(TenantId tenant, ContactId contact);

	/** Rows kept beside the chain, by kind. */
	record PersonalRows(long evidence, long states, long confirmations) {
	}

	/** The last event of a chain: its sequence number and hash. */
	record Head(long seq, String hash) {

		public static final Head EMPTY = new Head(0, ConsentChain.GENESIS);
	}

	/**
	 * An event and its evidence document ({@code null} when there was none or it was erased);
	 * {@code event} is {@code null} when the stored row cannot be read as an event.
	 */
	record Entry(long seq, ConsentEvent event, String evidence) {
	}
}
