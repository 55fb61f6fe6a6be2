package org.optinel.retention.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentProof;
import org.optinel.consent.ConsentRecords;
import org.optinel.consent.Notice;
import org.optinel.contacts.Activity;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactProfile;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.messaging.ContactMessages;
import org.optinel.retention.PersonalDataExport;
import org.optinel.suppression.SuppressionStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The access and portability export over the API (GDPR-11): one JSON document per contact. */
@RestController
@Tag(name = "Retention", description = "The purge of contacts kept past their retention period, and data subject requests")
class ExportController {

	/** The version of the document's shape; fields may be added, none renamed. */
	static final String FORMAT = "optinel-export/1";

	private final PersonalDataExport exports;

	private final JsonMapper json;

	ExportController(PersonalDataExport exports, JsonMapper json) {
		this.exports = exports;
		this.json = json;
	}

	@GetMapping("/api/v1/contacts/{id}/export")
	@Operation(summary = "Everything kept about a contact, as one JSON document (GDPR art. 15 and 20)",
			description = "The contact as provided and as derived (lifecycle), its activities, its consent events with "
					+ "their evidence and the notice texts shown, its consent states, the suppression status of its phone "
					+ "and email, the SMS it sent with the replies owed, and the messages to it in the outbox. Each export "
					+ "is written to the audit log (CONTACT_EXPORTED). 404 for an unknown or erased contact.")
	ResponseEntity<ExportDocument> export(TenantId tenant, @PathVariable String id) {
		ContactId contact = ContactId.parse(id).orElseThrow(() -> new NotFoundException("contact", id));
		PersonalDataExport.Export export = exports.export(tenant, contact, "api-key");
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contact-" + contact.value() + ".json\"")
			.body(document(export));
	}

	private ExportDocument document(PersonalDataExport.Export e) {
		ConsentRecords c = e.consents();
		return new ExportDocument(FORMAT, e.exportedAt(), new TenantPart(e.tenant().id().value(), e.tenant().name()),
				ContactPart.of(e.contact()), e.activities().stream().map(ActivityPart::of).toList(),
				new ConsentsPart(c.states().stream()
					.map(s -> new StatePart(s.channel().name(), s.purpose(), s.status().name(), s.stale(), s.since()))
					.toList(), c.events().stream().map(this::event).toList(),
						c.notices().values().stream().map(NoticePart::of).toList()),
				e.suppressions().stream().map(SuppressionPart::of).toList(), e.messages().inbound(),
				e.messages().outbound());
	}

	private EventPart event(ConsentProof.Item item) {
		ConsentEvent e = item.event();
		JsonNode evidence = item.evidence() == null ? null : json.readTree(item.evidence());
		if (e == null) {
			return new EventPart(null, item.seq(), null, null, null, null, null, null, null, null, false, false, null,
					evidence, false, false);
		}
		return new EventPart(e.id(), e.seq(), e.channel().name(), e.purpose(), e.action().name(), e.source().name(),
				e.status().name(), e.noticeId(), e.occurredAt(), e.recordedAt(), e.proven(), e.pending(), e.confirms(),
				evidence, item.evidenceErased(), item.intact());
	}

	/** The export: one document per contact. */
	record ExportDocument(String format, Instant exportedAt, TenantPart controller, ContactPart contact,
			List<ActivityPart> activities, ConsentsPart consents, List<SuppressionPart> suppressions,
			List<ContactMessages.Inbound> inboundSms, List<ContactMessages.Outbound> outboxMessages) {
	}

	/** The business that keeps the data (the controller, art. 4(7)). */
	record TenantPart(String id, String name) {
	}

	/** The contact as provided, and what is derived from its activities. */
	record ContactPart(String id, String externalRef, String email, String phone, String firstName, String lastName,
			String locale, String country, boolean professional, boolean collectedInSale, boolean optOutOffered,
			String importId, Instant createdAt, Instant updatedAt, Lifecycle lifecycle, Instant lastPurchaseAt,
			Instant lastInboundAt) {

		static ContactPart of(ContactProfile p) {
			Contact c = p.contact();
			return new ContactPart(c.id().value(), c.externalRef(), c.email() == null ? null : c.email().value(),
					c.phone() == null ? null : c.phone().e164(), c.firstName(), c.lastName(), c.locale(), c.country(),
					c.professional(), c.collectedInSale(), c.optOutOffered(), c.importId(), c.createdAt(), c.updatedAt(),
					p.lifecycle(), p.lastPurchaseAt(), p.lastInboundAt());
		}
	}

	/** Something the contact did. */
	record ActivityPart(String type, Instant occurredAt, Instant recordedAt, String importId) {

		static ActivityPart of(Activity a) {
			return new ActivityPart(a.type().name(), a.occurredAt(), a.recordedAt(), a.importId());
		}
	}

	/** The consent answers: what holds now, every event in ledger order, and the notices shown. */
	record ConsentsPart(List<StatePart> states, List<EventPart> events, List<NoticePart> notices) {
	}

	/** The answer that holds for one channel and purpose. */
	record StatePart(String channel, String purpose, String status, boolean stale, Instant since) {
	}

	/**
	 * One consent event; {@code evidence} is the document kept beside the chain, {@code null} when
	 * none was given or it was erased ({@code evidenceErased}); {@code intact} says its hash checks hold.
	 */
	record EventPart(String eventId, long seq, String channel, String purpose, String action, String source,
			String status, String noticeId, Instant occurredAt, Instant recordedAt, boolean proven, boolean pending,
			String confirms, JsonNode evidence, boolean evidenceErased, boolean intact) {
	}

	/** The exact text of a notice the person was shown. */
	record NoticePart(String id, String purpose, String language, int version, String text, String sha256) {

		static NoticePart of(Notice n) {
			return new NoticePart(n.id(), n.purpose(), n.language(), n.version(), n.text(), n.sha256());
		}
	}

	/** Whether an identifier of the contact is on the suppression list, channel by channel. */
	record SuppressionPart(String identifier, boolean suppressed, List<SuppressionStatus.ChannelStatus> channels) {

		static SuppressionPart of(PersonalDataExport.Identifier i) {
			return new SuppressionPart(i.kind(), i.status().suppressed(), i.status().channels());
		}
	}
}
