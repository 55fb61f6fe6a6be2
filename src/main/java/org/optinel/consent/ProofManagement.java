package org.optinel.consent;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactProfile;
import org.optinel.core.Channel;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Signature;
import org.optinel.tenancy.SignatureManagement;
import org.optinel.tenancy.SigningKey;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demonstrates consent: a contact's proof (GDPR-02), and signed receipts for grants.
 *
 * <p>A proof re-checks what it shows: each event's hash is recomputed from its values, its link to
 * the event before it is compared with that event's stored hash, and its evidence, when still kept,
 * with the commitment in the chain; the whole tenant chain is verified as well. Erased evidence is
 * reported as erased, and the chain still holds without it.
 *
 * <p>A receipt is issued only for a proven grant: a withdrawal or refusal is no consent, and an
 * imported grant without proof (EDPB-01) is no basis to attest.
 */
@Service
public class ProofManagement {

	static final String RECEIPT_VERSION = "KI-CR-v1.1.0";

	private final ConsentHistory history;

	private final ConsentLedger ledger;

	private final ConsentManagement consents;

	private final Purposes purposes;

	private final ContactManagement contacts;

	private final TenantManagement tenants;

	private final SignatureManagement signatures;

	private final Clock clock;

	ProofManagement(ConsentHistory history, ConsentLedger ledger, ConsentManagement consents, Purposes purposes,
			ContactManagement contacts, TenantManagement tenants, SignatureManagement signatures, Clock clock) {
		this.history = history;
		this.ledger = ledger;
		this.consents = consents;
		this.purposes = purposes;
		this.contacts = contacts;
		this.tenants = tenants;
		this.signatures = signatures;
		this.clock = clock;
	}

	/**
	 * The proof of a contact's consents.
	 * @throws NotFoundException when {@code contact} names no contact of the tenant
	 */
	@Transactional(readOnly = true)
	public ConsentProof proof(TenantId tenantId, ContactId contact) {
		Tenant tenant = tenants.require(tenantId);
		ContactProfile profile = contacts.get(tenantId, contact);
		ConsentLedger.Head head = ledger.head(tenantId);
		List<ConsentProof.Item> items = new ArrayList<>();
		Map<String, Notice> notices = new LinkedHashMap<>();
		Map<String, Purpose> named = new LinkedHashMap<>();
		for (ConsentHistory.Entry entry : history.ofContact(tenantId, contact)) {
			ConsentEvent e = entry.event();
			items.add(check(entry));
			if (e == null) {
				continue;
			}
			if (e.noticeId() != null && !notices.containsKey(e.noticeId())) {
				purposes.findNotice(tenantId, e.noticeId()).ifPresent(n -> notices.put(n.id(), n));
			}
			if (!named.containsKey(e.purpose())) {
				purposes.find(tenantId, e.purpose()).ifPresent(p -> named.put(p.key(), p));
			}
		}
		return new ConsentProof(tenant, profile, items, notices, named, consents.states(tenantId, contact),
				consents.verify(tenantId), head, clock.instant().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * A contact's consent history as an access request exports it (GDPR-11): each event with its
	 * evidence and its own checks, the notices shown, and the states that hold. Unlike
	 * {@link #proof}, it does not verify the tenant's whole chain.
	 * @throws NotFoundException when {@code contact} names no contact of the tenant
	 */
	@Transactional(readOnly = true)
	public ConsentRecords records(TenantId tenantId, ContactId contact) {
		contacts.get(tenantId, contact);
		List<ConsentProof.Item> items = new ArrayList<>();
		Map<String, Notice> notices = new LinkedHashMap<>();
		for (ConsentHistory.Entry entry : history.ofContact(tenantId, contact)) {
			items.add(check(entry));
			ConsentEvent e = entry.event();
			if (e != null && e.noticeId() != null && !notices.containsKey(e.noticeId())) {
				purposes.findNotice(tenantId, e.noticeId()).ifPresent(n -> notices.put(n.id(), n));
			}
		}
		return new ConsentRecords(items, notices, consents.states(tenantId, contact));
	}

	/**
	 * A signed receipt for a grant.
	 * @throws NotFoundException when {@code eventId} names no consent event of the tenant
	 * @throws OptinelException 409 when the event is not a proven grant
	 */
	@Transactional
	public ConsentReceipt receipt(TenantId tenantId, String eventId) {
		Tenant tenant = tenants.require(tenantId);
		ConsentEvent e = history.find(tenantId, eventId)
			.map(ConsentHistory.Entry::event)
			.orElseThrow(() -> new NotFoundException("consent", eventId));
		if (e.action() != ConsentAction.GRANT) {
			throw new OptinelException(ProblemKind.CONFLICT, "not-a-grant", "No receipt for this answer",
					"Consent " + eventId + " is a " + e.action() + ", not a GRANT: receipts attest consent given. "
							+ "The contact's proof (GET /api/v1/contacts/" + e.contact().value() + "/proof) shows every answer.")
				.with("action", e.action().name());
		}
		if (e.pending()) {
			throw new OptinelException(ProblemKind.CONFLICT, "pending-grant", "No receipt for an unconfirmed grant",
					"Event " + eventId + " is a double opt-in grant still waiting for its confirmation; the receipt "
							+ "belongs to the event that confirms it.");
		}
		if (!e.proven()) {
			throw new OptinelException(ProblemKind.CONFLICT, "unproven-grant", "No receipt for an unproven grant",
					"EDPB-01: consent " + eventId + " was imported without its original proof or notice; it is no basis "
							+ "to send and cannot be attested. Ask the person again to obtain a consent that can.")
				.with("rule", "EDPB-01");
		}
		Notice notice = purposes.findNotice(tenantId, e.noticeId())
			.orElseThrow(() -> new IllegalStateException("Notice " + e.noticeId() + " of consent " + eventId + " is gone"));
		Purpose purpose = purposes.find(tenantId, e.purpose())
			.orElseThrow(() -> new IllegalStateException("Purpose " + e.purpose() + " of consent " + eventId + " is gone"));
		SigningKey key = signatures.publicKeys(tenantId)
			.stream()
			.filter(k -> k.retiredAt() == null)
			.max(Comparator.comparing(SigningKey::createdAt))
			.orElseThrow(() -> new IllegalStateException("Tenant " + tenantId + " has no current signing key"));
		Map<String, Object> content = receiptContent(tenant, e, notice, purpose, key);
		String canonical = CanonicalJson.write(content);
		Signature signature = signatures.sign(tenantId, canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		if (!signature.keyId().equals(key.keyId())) {
			// the key rotated between reading and signing; the receipt must name the key that signed it
			return receipt(tenantId, eventId);
		}
		return new ConsentReceipt(e.id(), content, canonical, signature);
	}

	private static ConsentProof.Item check(ConsentHistory.Entry entry) {
		ConsentEvent e = entry.event();
		if (e == null) {
			return new ConsentProof.Item(entry.seq(), null, null, entry.evidence(), false, false, null);
		}
		List<String> fields = ChainFields.of(e);
		boolean hashMatches = ConsentChain.sha256(ChainFields.encode(fields)).equals(e.hash());
		String expectedPrevious = e.seq() == 1 ? ConsentChain.GENESIS : entry.priorHash();
		boolean linked = Objects.equals(expectedPrevious, e.previousHash());
		Boolean evidenceMatches = entry.evidence() == null ? null
				: ConsentChain.sha256(entry.evidence()).equals(e.evidenceSha256());
		return new ConsentProof.Item(e.seq(), e, fields, entry.evidence(), hashMatches, linked, evidenceMatches);
	}

	private static Map<String, Object> receiptContent(Tenant tenant, ConsentEvent e, Notice notice, Purpose purpose,
			SigningKey key) {
		boolean french = notice.language().toLowerCase(java.util.Locale.ROOT).startsWith("fr");
		Map<String, Object> receipt = new TreeMap<>();
		receipt.put("version", RECEIPT_VERSION);
		receipt.put("jurisdiction", tenant.jurisdiction().name());
		receipt.put("consentTimestamp", e.occurredAt().getEpochSecond());
		receipt.put("consentTime", e.occurredAt().toString());
		receipt.put("collectionMethod", collectionMethod(e.source(), french));
		receipt.put("consentReceiptID", e.id());
		receipt.put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(key.raw()));
		receipt.put("kid", key.keyId());
		receipt.put("language", notice.language());
		receipt.put("piiPrincipalId", e.contact().value());
		receipt.put("piiControllers", List.of(Map.of("piiController", tenant.name(), "onBehalf", false)));
		receipt.put("channel", e.channel().name());
		receipt.put("sensitive", false);
		receipt.put("spiCat", List.of());
		receipt.put("notice", Map.of("id", notice.id(), "version", notice.version(), "language", notice.language(),
				"sha256", notice.sha256()));
		receipt.put("ledger", Map.of("seq", e.seq(), "hash", e.hash()));
		Map<String, Object> purposeEntry = new TreeMap<>();
		purposeEntry.put("purpose", purpose.name());
		purposeEntry.put("purposeKey", purpose.key());
		if (purpose.description() != null && !purpose.description().isBlank()) {
			purposeEntry.put("purposeDescription", purpose.description());
		}
		purposeEntry.put("purposeCategory", List.of(purpose.kind().name()));
		purposeEntry.put("consentType", "EXPLICIT");
		purposeEntry.put("piiCategory", List.of(e.channel() == Channel.SMS ? "phone number" : "email address"));
		purposeEntry.put("primaryPurpose", true);
		purposeEntry.put("termination", termination(e.channel(), french));
		purposeEntry.put("thirdPartyDisclosure", false);
		receipt.put("services", List.of(Map.of("service", serviceName(e.channel(), french), "purposes",
				List.of(purposeEntry))));
		return receipt;
	}

	private static String serviceName(Channel channel, boolean french) {
		if (channel == Channel.SMS) {
			return french ? "Messages SMS" : "SMS messages";
		}
		return french ? "Messages électroniques" : "Email messages";
	}

	/** How to withdraw, as the receipt promises it: as easy as giving consent (GDPR-05). */
	static String termination(Channel channel, boolean french) {
		if (channel == Channel.SMS) {
			return french ? "Retrait à tout moment en répondant STOP à un message"
					: "Withdraw at any time by replying STOP to any message";
		}
		return french ? "Retrait à tout moment par le lien de désinscription de chaque e-mail"
				: "Withdraw at any time with the unsubscribe link in every email";
	}

	static String collectionMethod(ConsentSource source, boolean french) {
		switch (source) {
			case WEB_FORM:
				return french ? "formulaire web, case à cocher non pré-cochée" : "web form, unticked checkbox";
			case API:
				return french ? "système du responsable, par API" : "controller's system, through the API";
			case SMS_REPLY:
				return french ? "réponse par SMS" : "SMS reply";
			case EMAIL_CLICK:
				return french ? "clic sur un lien dans un e-mail" : "click on a link in an email";
			case PREFERENCE_CENTRE:
				return french ? "centre de préférences" : "preference centre";
			case IMPORT:
				return french ? "import avec preuve d'origine" : "import with original proof";
			default:
				return french ? "saisie par un administrateur, motif écrit" : "recorded by an administrator, written reason";
		}
	}
}
