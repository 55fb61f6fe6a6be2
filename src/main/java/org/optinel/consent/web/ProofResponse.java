package org.optinel.consent.web;

import java.time.Instant;
import java.util.List;

import org.optinel.consent.ChainFields;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentProof;
import org.optinel.consent.LedgerVerification;
import org.optinel.consent.Notice;
import org.optinel.contacts.Contact;
import org.optinel.tenancy.Tenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of a contact's consents as JSON. {@code encoding} tells a reader how to recompute
 * each event's {@code hash} from its {@code hashedFields}, and each {@code evidenceSha256} from
 * {@code evidence.document}.
 */
record ProofResponse(Controller controller, Person contact, Instant generatedAt, Encoding encoding,
		List<Event> events, List<NoticeText> notices, List<State> states, Chain chain) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String HASH_RULE = "hash = hex(SHA-256(encode(hashedFields))); encode writes each value as the 4-byte "
			+ "big-endian length of its UTF-8 bytes followed by those bytes, an absent (null) value as the length -1 "
			+ "(FF FF FF FF) and no bytes; previousHash of a tenant's first event is 64 zeros";

	static final String EVIDENCE_RULE = "evidenceSha256 = hex(SHA-256(UTF-8 bytes of evidence.document)), the document "
			+ "exactly as stored (canonical JSON with a random salt)";

	static final String NOTICE_RULE = "noticeSha256 = hex(SHA-256(UTF-8 bytes of the notice text))";

	static ProofResponse of(ConsentProof proof) {
		Tenant t = proof.tenant();
		Contact c = proof.contact().contact();
		return new ProofResponse(
				new Controller(t.id().value(), t.name(), t.jurisdiction().name(), t.timeZone().getId()),
				new Person(c.id().value(), c.phone() == null ? null : c.phone().e164(),
						c.email() == null ? null : c.email().value(), c.firstName(), c.lastName(), c.externalRef()),
				proof.generatedAt(), new Encoding(HASH_RULE, ChainFields.NAMES, ChainFields.DOUBLE_OPT_IN_NAMES, EVIDENCE_RULE, NOTICE_RULE),
				proof.events().stream().map(ProofResponse::event).toList(),
				proof.notices().values().stream().map(NoticeText::of).toList(),
				proof.states().stream()
					.map(s -> new State(s.channel().name(), s.purpose(), s.status().name(), s.stale(), s.since(), s.seq()))
					.toList(),
				new Chain(proof.eventsIntact(), proof.ledger(), new Head(proof.head().seq(), proof.head().hash())));
	}

	private static Event event(ConsentProof.Item item) {
		ConsentEvent e = item.event();
		Check check = new Check(item.hashMatches(), item.linked(), item.evidenceMatches(), item.intact());
		if (e == null) {
			return new Event(item.seq(), null, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, null, "the stored row cannot be read as an event", check);
		}
		return new Event(e.seq(), e.id(), e.hash(), e.previousHash(), e.channel().name(), e.purpose(), e.action().name(),
				e.status().name(), e.source().name(), e.noticeId(), e.noticeSha256(), e.proven(), e.occurredAt(),
				e.recordedAt(), e.evidenceSha256(), item.fields(), evidence(item), null, check);
	}

	private static Evidence evidence(ConsentProof.Item item) {
		if (item.event().evidenceSha256() == null) {
			return new Evidence("none", null, null, "No evidence document was given with this answer.");
		}
		if (item.evidenceErased()) {
			return new Evidence("erased", null, null, "The evidence was erased; the chain still commits to its hash "
					+ item.event().evidenceSha256() + ", so the event remains verifiable.");
		}
		return new Evidence("kept", item.evidence(), JSON.readTree(item.evidence()), null);
	}

	/** The business that collected the consent (the data controller). */
	record Controller(String tenantId, String name, String jurisdiction, String timeZone) {
	}

	/** The person's identifiers. */
	record Person(String id, String phone, String email, String firstName, String lastName, String externalRef) {
	}

	/**
	 * How hashes are computed, so that a reader can check them without Optinel: an event's
	 * {@code hashedFields} follow {@code hashedFieldNames}, or {@code doubleOptInFieldNames} when its
	 * format (the first field) is {@code optinel-consent-event/2}.
	 */
	record Encoding(String hash, List<String> hashedFieldNames, List<String> doubleOptInFieldNames, String evidence,
			String notice) {
	}

	/**
	 * One ledger event. {@code hashedFields} are the values its hash covers, in the order of
	 * {@code encoding.hashedFieldNames} (or {@code doubleOptInFieldNames} for format 2).
	 */
	record Event(long seq, String eventId, String hash, String previousHash, String channel, String purpose,
			String action, String status, String source, String noticeId, String noticeSha256, Boolean proven,
			Instant occurredAt, Instant recordedAt, String evidenceSha256, List<String> hashedFields, Evidence evidence,
			String unreadable, Check check) {
	}

	/**
	 * The evidence beside the chain: {@code state} is {@code kept} (with the stored {@code document}
	 * and its parsed {@code fields}), {@code erased} or {@code none}.
	 */
	record Evidence(String state, String document, JsonNode fields, String note) {
	}

	/** Checks of one event; {@code evidenceMatches} is null when there is no document to check. */
	record Check(boolean hashMatches, boolean linkedToPrevious, Boolean evidenceMatches, boolean intact) {
	}

	/** A notice as shown to the person. */
	record NoticeText(String id, String purpose, String language, int version, String text, String sha256,
			boolean sha256Matches, Instant createdAt) {

		static NoticeText of(Notice n) {
			return new NoticeText(n.id(), n.purpose(), n.language(), n.version(), n.text(), n.sha256(),
					org.optinel.consent.ConsentChain.sha256(n.text()).equals(n.sha256()), n.createdAt());
		}
	}

	/** The answer that holds now for a channel and purpose. */
	record State(String channel, String purpose, String status, boolean stale, Instant since, long seq) {
	}

	/** The chain checked for the contact's events and for the whole tenant, and where it ended. */
	record Chain(boolean contactEventsIntact, LedgerVerification ledger, Head head) {
	}

	/** The end of the tenant's chain when the proof was made. */
	record Head(long seq, String hash) {
	}
}
