package org.optinel.contacts.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.contacts.ActivityType;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactConsents;
import org.optinel.contacts.ContactDraft;
import org.optinel.contacts.ContactErasure;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactPage;
import org.optinel.contacts.ContactProfile;
import org.optinel.contacts.ContactQuery;
import org.optinel.contacts.ErasureReport;
import org.optinel.contacts.Lifecycle;
import org.optinel.contacts.RecordedActivity;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The contact API: create or upsert, read, change, list, record activities, and erase. */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "The contact base and each contact's lifecycle")
class ContactController {

	private final ContactManagement contacts;

	private final ContactErasure erasure;

	private final List<ContactConsents> consents;

	ContactController(ContactManagement contacts, ContactErasure erasure, ObjectProvider<ContactConsents> consents) {
		this.contacts = contacts;
		this.erasure = erasure;
		this.consents = consents.orderedStream().toList();
	}

	@PostMapping
	@Operation(summary = "Create a contact (201), or update the one with the same externalRef (200)",
			description = "Phone numbers are read in the tenant's default region and stored in E.164. "
					+ "A phone or email already held by another contact is a 409 whose existingId names it.")
	ResponseEntity<ContactResponse> create(TenantId tenant, @RequestBody ContactRequest request) {
		ContactManagement.Saved saved = contacts.create(tenant, request.draft());
		ContactResponse body = response(tenant, saved.profile());
		if (!saved.created()) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + body.id())).body(body);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A contact, its lifecycle and the dates it is derived from, and its consent states",
			description = "consents holds one entry per channel and purpose with an answer: status GRANTED, WITHDRAWN, "
					+ "DENIED, PENDING or UNPROVEN (a grant without proof, no basis to send), stale when the grant is "
					+ "older than the refresh period, and since, when the answer was given.")
	ContactResponse get(TenantId tenant, @PathVariable String id) {
		return response(tenant, contacts.get(tenant, contactId(id)));
	}

	private ContactResponse response(TenantId tenant, ContactProfile profile) {
		return responses(tenant, List.of(profile)).get(0);
	}

	/** The responses of {@code profiles} with their consent states, asked once for all of them. */
	private List<ContactResponse> responses(TenantId tenant, List<ContactProfile> profiles) {
		List<ContactId> ids = profiles.stream().map(p -> p.contact().id()).toList();
		Map<ContactId, List<ContactConsents.ContactConsent>> states = new HashMap<>();
		for (ContactConsents source : consents) {
			source.of(tenant, ids).forEach((id, found) -> states.merge(id, found, (x, y) -> {
				List<ContactConsents.ContactConsent> all = new ArrayList<>(x);
				all.addAll(y);
				return all;
			}));
		}
		Map<ContactId, Set<Channel>> suppressed = contacts.suppressedChannels(tenant, ids);
		return profiles.stream()
			.map(p -> ContactResponse.of(p, states.getOrDefault(p.contact().id(), List.of()),
					suppressed.getOrDefault(p.contact().id(), Set.of())))
			.toList();
	}

	@PatchMapping(path = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	@Operation(summary = "Change some fields (JSON merge patch: an absent field is kept, null clears it)")
	ContactResponse patch(TenantId tenant, @PathVariable String id,
			@RequestBody @Schema(implementation = ContactRequest.class) JsonNode body) {
		ContactId contact = contactId(id);
		return response(tenant, contacts.patch(tenant, contact, draftOf(body)));
	}

	@GetMapping
	@Operation(summary = "Contacts, a page at a time, in creation order",
			description = "Pass the returned 'next' as 'cursor' to read the following page.")
	PageResponse list(TenantId tenant, @RequestParam(required = false) Lifecycle lifecycle,
			@RequestParam(required = false) Boolean hasPhone, @RequestParam(required = false) Boolean hasEmail,
			@Parameter(description = "a fragment of a name or email, or a phone number") @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		ContactId after = null;
		if (cursor != null && !cursor.isBlank()) {
			after = ContactId.parse(cursor)
				.orElseThrow(() -> new InvalidInputException("cursor", "is not a cursor returned by this API (field 'next')"));
		}
		ContactPage page = contacts.list(tenant, new ContactQuery(lifecycle, hasPhone, hasEmail,
				q == null || q.isBlank() ? null : q, after, limit));
		return new PageResponse(responses(tenant, page.items()),
				page.next() == null ? null : page.next().value());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Erase a contact at the person's request (GDPR art. 17): 204, or 404 for an unknown id",
			description = "Deletes the contact, its activities, its consent evidence and states, the SMS it sent and the "
					+ "replies to it, and the messages in the outbox to it, in one transaction, and writes a "
					+ "CONTACT_ERASED entry to the audit log (GET /api/v1/audit). Kept: the suppression list's keyed "
					+ "hashes, so an opt-out outlives the contact (FR-10), and the consent ledger's events, which hold "
					+ "no personal data and still verify (GET /api/v1/ledger/verify).")
	ResponseEntity<Void> erase(TenantId tenant, @PathVariable String id) {
		ErasureReport report = erasure.erase(tenant, List.of(contactId(id)), ContactErasure.REQUEST, "api-key", false);
		if (report.contacts() == 0) {
			throw new NotFoundException("contact", id);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/activities")
	@Operation(summary = "Record a purchase, appointment, registration or interaction",
			description = "occurredAt defaults to now and may be in the past, never in the future beyond a small clock skew. "
					+ "Recording the same type at the same instant again changes nothing (200).")
	ResponseEntity<ActivityResponse> addActivity(TenantId tenant, @PathVariable String id,
			@RequestBody ActivityRequest request) {
		if (request.type() == null) {
			throw new InvalidInputException("type", "is required: one of PURCHASE, APPOINTMENT, REGISTRATION, INTERACTION");
		}
		RecordedActivity recorded = contacts.addActivity(tenant, contactId(id), request.type(), request.occurredAt());
		ActivityResponse body = new ActivityResponse(recorded.contact().value(), recorded.type(), recorded.occurredAt(),
				recorded.lifecycle());
		return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
	}

	private static ContactId contactId(String id) {
		return ContactId.parse(id).orElseThrow(() -> new NotFoundException("contact", id));
	}

	/**
	 * Reads a merge patch, refusing unknown fields and values of the wrong JSON type with the same
	 * problem types as a body read into a record ({@code unknown-field}, {@code invalid-field-type}).
	 */
	static ContactDraft draftOf(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new OptinelException(ProblemKind.BAD_REQUEST, "malformed-body", "Malformed request body",
					"The body must be a JSON object of the fields to change.");
		}
		List<FieldViolation> unknown = new ArrayList<>();
		List<FieldViolation> mistyped = new ArrayList<>();
		Set<String> present = new HashSet<>();
		for (Map.Entry<String, JsonNode> field : body.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (!ContactDraft.FIELDS.contains(name)) {
				unknown.add(new FieldViolation(name, "is not a contact field; known fields: "
						+ String.join(", ", ContactDraft.FIELDS.stream().sorted().toList())));
				continue;
			}
			boolean flag = name.equals("professional") || name.equals("collectedInSale") || name.equals("optOutOffered");
			if (!value.isNull() && (flag ? !value.isBoolean() : !value.isString())) {
				mistyped.add(new FieldViolation(name, flag ? "must be true or false" : "must be a string or null"));
				continue;
			}
			present.add(name);
		}
		if (!unknown.isEmpty()) {
			throw fieldProblem("unknown-field", "Unknown field", unknown);
		}
		if (!mistyped.isEmpty()) {
			throw fieldProblem("invalid-field-type", "Invalid field value", mistyped);
		}
		return new ContactDraft(text(body, "externalRef"), text(body, "email"), text(body, "phone"),
				text(body, "firstName"), text(body, "lastName"), text(body, "locale"), text(body, "country"),
				flag(body, "professional"), flag(body, "collectedInSale"), flag(body, "optOutOffered"), present);
	}

	private static OptinelException fieldProblem(String type, String title, List<FieldViolation> violations) {
		return new OptinelException(ProblemKind.BAD_REQUEST, type, title, violations.stream()
			.map(v -> v.field() + ": " + v.message())
			.collect(Collectors.joining("; "))).with("errors", violations);
	}

	private static String text(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static Boolean flag(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return value == null || value.isNull() ? null : value.asBoolean();
	}

	/** A new contact; {@code phone} in any usual form, read in the tenant's default region. */
	record ContactRequest(String externalRef, String email, String phone, String firstName, String lastName,
			String locale, String country, Boolean professional, Boolean collectedInSale, Boolean optOutOffered) {

		ContactDraft draft() {
			return ContactDraft.of(externalRef, email, phone, firstName, lastName, locale, country, professional,
					collectedInSale, optOutOffered);
		}
	}

	/** A contact as the API shows it. */
	record ContactResponse(String id, String externalRef, String email, String phone, String firstName,
			String lastName, String locale, String country, boolean professional, boolean collectedInSale,
			boolean optOutOffered, Lifecycle lifecycle, Instant lastPurchaseAt, Instant lastInboundAt,
			Instant createdAt, Instant updatedAt, List<ContactConsents.ContactConsent> consents,
			@Schema(description = "channels on which the contact's phone or email is on the suppression list: the "
					+ "contact is kept but is not messaged there") List<Channel> suppressed) {

		static ContactResponse of(ContactProfile profile, List<ContactConsents.ContactConsent> consents,
				Set<Channel> suppressed) {
			Contact c = profile.contact();
			return new ContactResponse(c.id().value(), c.externalRef(), c.email() == null ? null : c.email().value(),
					c.phone() == null ? null : c.phone().e164(), c.firstName(), c.lastName(), c.locale(), c.country(),
					c.professional(), c.collectedInSale(), c.optOutOffered(), profile.lifecycle(),
					profile.lastPurchaseAt(), profile.lastInboundAt(), c.createdAt(), c.updatedAt(), consents,
					suppressed.stream().sorted().toList());
		}
	}

	/** One page; {@code next} is the cursor of the following page, {@code null} on the last. */
	record PageResponse(List<ContactResponse> items, String next) {
	}

	/** Something the contact did. */
	record ActivityRequest(ActivityType type, Instant occurredAt) {
	}

	/** The recorded activity and the contact's lifecycle after it. */
	record ActivityResponse(String contactId, ActivityType type, Instant occurredAt, Lifecycle lifecycle) {
	}
}
