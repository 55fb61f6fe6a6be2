package org.optinel.consent;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

	/** Appends the event, its evidence and its link, and moves the head to it. */
	void append(NewEvent event);

	/**
	 * Appends events of one tenant, in order, with their evidence and links, and moves the head to
	 * the last. Their sequence numbers must follow on from the head, which the caller holds locked.
	 */
	void appendAll(List<NewEvent> events);

	/**
	 * For each projection, stores its state unless the stored one for its key happened later, and
	 * its {@code lastSeq} in any case; at most one projection per key, in the transaction that
	 * appends the events it names (before or after them: no constraint ties a state to its events).
	 */
	void projectAll(TenantId tenant, Collection<Projection> projections);

	/** {@link #projectAll} for one projection. */
	void project(TenantId tenant, Projection projection);

	/** The states of these contacts, by contact, channel and purpose. */
	List<ConsentState> states(TenantId tenant, Collection<ContactId> contacts);

	/** The stored projections of these contacts, by contact, channel and purpose. */
	List<Projection> projections(TenantId tenant, Collection<ContactId> contacts);

	/** Every stored projection of the tenant, by contact, channel and purpose. */
	List<Projection> projections(TenantId tenant);

	/** Replaces every projection of the tenant. */
	void replaceProjections(TenantId tenant, Collection<Projection> projections);

	/**
	 * The first event whose link to the previous event of its contact, channel and purpose is not
	 * that event, or the last event of a key that the projection does not name as its last: a link
	 * that no longer holds could leave events out of a contact's proof. Empty when every link holds.
	 */
	Optional<BrokenLink> firstBrokenLink(TenantId tenant);

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

	/**
	 * An event to append, with its evidence document ({@code null} when there is none) and its link:
	 * the sequence number of the previous event of its contact, channel and purpose, {@code null}
	 * for the first. Through the links, and the last event of each key that the projection keeps, a
	 * contact's events are found without an index on the ledger by contact, whose entries would go
	 * to random places.
	 */
	record NewEvent(ConsentEvent event, String evidence, Long previousOfKey) {

		public NewEvent {
			java.util.Objects.requireNonNull(event, "event");
			if (previousOfKey != null && previousOfKey >= event.seq()) {
				throw new IllegalArgumentException("event seq " + event.seq() + " must link back, not to seq " + previousOfKey);
			}
		}
	}

	/**
	 * A consent state as stored, with the last event of its contact, channel and purpose: the one
	 * where the walk back through that key's events starts.
	 */
	record Projection(ConsentState state, long lastSeq) {

		public Projection {
			// No check that lastSeq >= state.seq(): a stored row that breaks it must still be read, to be rebuilt.
			java.util.Objects.requireNonNull(state, "state");
		}
	}

	/** An event whose link does not hold, and what is wrong with it. */
	record BrokenLink(long seq, String reason) {
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
