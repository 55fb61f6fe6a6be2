package org.optinel.consent;

import java.time.Instant;
import java.util.Objects;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;

/**
 * The current answer for one contact, channel and purpose: the event that happened last (by
 * {@code occurredAt}, then by ledger order), so that a back-dated event never overrides a newer
 * answer.
 *
 * @param since when the answer that holds was given
 * @param seq the ledger event it comes from
 * @param stale a grant older than the refresh period (EDPB-02); judged when read, never stored
 */
public record ConsentState(ContactId contact, Channel channel, String purpose, ConsentStatus status, Instant since,
		long seq, boolean stale) {

	public ConsentState {
		Objects.requireNonNull(contact, "contact");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(purpose, "purpose");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(since, "since");
	}

	/** The state an event leaves. */
	public static ConsentState of(ConsentEvent event) {
		return new ConsentState(event.contact(), event.channel(), event.purpose(), event.status(), event.occurredAt(),
				event.seq(), false);
	}

	/**
	 * Whether this state, from a later event in the ledger, replaces {@code current}. A grant that
	 * awaits confirmation never replaces a confirmed one: asking again does not suspend a consent.
	 */
	boolean replaces(ConsentState current) {
		if (current != null && status == ConsentStatus.PENDING && current.status() == ConsentStatus.GRANTED) {
			return false;
		}
		return current == null || !since.isBefore(current.since());
	}

	/** The same state, judged stale when it is a grant given before {@code refreshCutoff}. */
	ConsentState judgedAgainst(Instant refreshCutoff) {
		return new ConsentState(contact, channel, purpose, status, since, seq,
				status.isGrant() && since.isBefore(refreshCutoff));
	}

	/** The key of the projection. */
	Key key() {
		return new Key(contact, channel, purpose);
	}

	/** A contact, channel and purpose. */
	record Key(ContactId contact, Channel channel, String purpose) {
	}
}
