package org.optinel.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.optinel.contacts.ContactId;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * One entry of a tenant's consent ledger, as chained: {@code hash} is {@link ConsentChain#hash} of
 * every other field, {@code previousHash} included. Holds no personal data beyond the contact's
 * opaque id; the evidence is committed to by {@code evidenceSha256} only.
 *
 * @param seq the event's place in the tenant's ledger, from 1 without gaps
 * @param noticeSha256 the hash of the notice text shown, so the chain commits to the words themselves
 * @param proven false for a grant whose proof is missing (EDPB-01)
 * @param evidenceSha256 hash of the stored evidence document, {@code null} when there was none
 * @param pending a grant that awaits the person's confirmation (double opt-in); never a basis to send
 * @param confirms for the grant that confirms a pending one, the pending event's id
 */
public record ConsentEvent(TenantId tenant, long seq, String id, ContactId contact, Channel channel, String purpose,
		ConsentAction action, ConsentSource source, String noticeId, String noticeSha256, boolean proven,
		Instant occurredAt, Instant recordedAt, String evidenceSha256, String previousHash, String hash,
		boolean pending, String confirms) {

	public ConsentEvent {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(contact, "contact");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(purpose, "purpose");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(recordedAt, "recordedAt");
		Objects.requireNonNull(previousHash, "previousHash");
		Objects.requireNonNull(hash, "hash");
		if (seq < 1) {
			throw new IllegalArgumentException("ledger sequence numbers start at 1");
		}
		if ((pending || confirms != null) && (action != ConsentAction.GRANT || !proven)) {
			throw new IllegalArgumentException("only a proven grant can await or give a confirmation");
		}
		if (pending && confirms != null) {
			throw new IllegalArgumentException("a grant cannot both await a confirmation and confirm another");
		}
	}

	/** An event outside double opt-in: neither pending nor confirming. */
	public ConsentEvent(TenantId tenant, long seq, String id, ContactId contact, Channel channel, String purpose,
			ConsentAction action, ConsentSource source, String noticeId, String noticeSha256, boolean proven,
			Instant occurredAt, Instant recordedAt, String evidenceSha256, String previousHash, String hash) {
		this(tenant, seq, id, contact, channel, purpose, action, source, noticeId, noticeSha256, proven, occurredAt,
				recordedAt, evidenceSha256, previousHash, hash, false, null);
	}

	/** The status this event leaves for its contact, channel and purpose. */
	public ConsentStatus status() {
		return pending ? ConsentStatus.PENDING : ConsentStatus.after(action, proven);
	}

	/**
	 * These events, of one tenant and in order, chained: each with the previous one's hash (the
	 * first with {@code previousHash}) and then its own.
	 */
	static List<ConsentEvent> chained(List<ConsentEvent> events, String previousHash) {
		List<ConsentEvent> chained = new ArrayList<>(events.size());
		String previous = previousHash;
		for (ConsentEvent e : events) {
			ConsentEvent sealed = new ConsentEvent(e.tenant, e.seq, e.id, e.contact, e.channel, e.purpose, e.action, e.source,
					e.noticeId, e.noticeSha256, e.proven, e.occurredAt, e.recordedAt, e.evidenceSha256, previous, e.hash,
					e.pending, e.confirms).sealed();
			chained.add(sealed);
			previous = sealed.hash;
		}
		return chained;
	}

	/** The same event with its {@code hash} computed from its other fields. */
	ConsentEvent sealed() {
		return new ConsentEvent(tenant, seq, id, contact, channel, purpose, action, source, noticeId, noticeSha256, proven,
				occurredAt, recordedAt, evidenceSha256, previousHash, ConsentChain.hash(this), pending, confirms);
	}
}
