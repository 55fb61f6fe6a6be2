package org.optinel.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact base of each tenant: create (or upsert by external reference), change, read, list,
 * and record activities. The lifecycle is derived on every read from the activities and the
 * tenant's settings (SEED-01); it is never stored.
 */
@Service
public class ContactManagement {

	private final Contacts contacts;

	private final TenantManagement tenants;

	private final ContactNormalisation normalisation;

	private final PhoneNumbers phones;

	private final Ids ids;

	private final Clock clock;

	private final ContactsProperties properties;

	private final ApplicationEventPublisher events;

	ContactManagement(Contacts contacts, TenantManagement tenants, ContactNormalisation normalisation,
			PhoneNumbers phones, Ids ids, Clock clock, ContactsProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.contacts = contacts;
		this.tenants = tenants;
		this.normalisation = normalisation;
		this.phones = phones;
		this.ids = ids;
		this.clock = clock;
		this.properties = properties;
	}

	/** A contact that was created, or updated through its external reference. */
	public record Saved(ContactProfile profile, boolean created) {
	}

	/**
	 * Creates a contact, or updates the one with the same external reference.
	 * @throws DuplicateContactException when another contact holds the phone or email
	 */
	@Transactional
	public Saved create(TenantId tenantId, ContactDraft draft) {
		Tenant tenant = tenants.require(tenantId);
		Fields fields = normalise(tenant, draft);
		Contacts.Matches matches = contacts.match(tenantId, phoneOf(fields), emailKeyOf(fields), fields.externalRef);
		if (matches.byExternalRef() != null) {
			Contact existing = contacts.find(tenantId, matches.byExternalRef()).orElseThrow();
			return new Saved(save(tenant, apply(existing, fields, draft), matches), false);
		}
		refuseDuplicates(matches, null);
		if (fields.phone == null && fields.email == null) {
			throw new InvalidInputException(List.of(new FieldViolation("phone", "a contact needs a phone or an email"),
					new FieldViolation("email", "a contact needs a phone or an email")));
		}
		Instant now = now();
		Contact contact = new Contact(new ContactId(ids.next()), tenantId, fields.externalRef, fields.email, fields.phone,
				fields.firstName, fields.lastName, fields.locale, fields.country, bool(draft.professional()),
				bool(draft.collectedInSale()), bool(draft.optOutOffered()), null, now, now);
		try {
			contacts.insert(contact);
		}
		catch (DataIntegrityViolationException race) {
			refuseDuplicates(contacts.match(tenantId, phoneOf(fields), emailKeyOf(fields), fields.externalRef), null);
			throw race;
		}
		events.publishEvent(new ContactChanged(tenantId, contact.id()));
		return new Saved(profile(tenant, contact, ActivityFacts.NONE), true);
	}

	/** A contact named by its phone or email, and whether it was created for the occasion. */
	public record Identified(ContactId id, boolean created) {
	}

	/**
	 * The contact holding {@code phone} or {@code email}, or a new prospect contact with both when
	 * nobody does (a person who answers a consent form becomes a contact).
	 * @throws InvalidInputException when neither is given, one is malformed, or they belong to two contacts
	 */
	@Transactional
	public Identified identify(TenantId tenantId, String phone, String email) {
		Tenant tenant = tenants.require(tenantId);
		List<FieldViolation> violations = new ArrayList<>();
		PhoneNumber number = normalisation.phone(phone, tenant.defaultRegion(), "phone", violations);
		EmailAddress address = normalisation.email(email, "email", violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		if (number == null && address == null) {
			throw new InvalidInputException(List.of(new FieldViolation("contactId", "name the person by contactId, phone or email"),
					new FieldViolation("phone", "name the person by contactId, phone or email")));
		}
		Contacts.Matches matches = contacts.match(tenantId, number == null ? null : number.e164(),
				address == null ? null : address.key(), null);
		if (matches.byPhone() != null && matches.byEmail() != null && !matches.byPhone().equals(matches.byEmail())) {
			throw new InvalidInputException("email", "belongs to another contact than the phone (" + matches.byEmail()
					+ " and " + matches.byPhone() + "); name the person by contactId");
		}
		if (matches.byPhone() != null || matches.byEmail() != null) {
			return new Identified(matches.byPhone() != null ? matches.byPhone() : matches.byEmail(), false);
		}
		Saved saved = create(tenantId, ContactDraft.of(null, email, phone, null, null, null, null, null, null, null));
		return new Identified(saved.profile().contact().id(), true);
	}

	/** Changes the fields present in {@code draft}; a present {@code null} clears the field. */
	@Transactional
	public ContactProfile patch(TenantId tenantId, ContactId id, ContactDraft draft) {
		Tenant tenant = tenants.require(tenantId);
		Contact existing = contacts.find(tenantId, id).orElseThrow(() -> new NotFoundException("contact", id.value()));
		Fields fields = normalise(tenant, draft);
		Contacts.Matches matches = contacts.match(tenantId, draft.has("phone") ? phoneOf(fields) : null,
				draft.has("email") ? emailKeyOf(fields) : null, draft.has("externalRef") ? fields.externalRef : null);
		return save(tenant, apply(existing, fields, draft), matches);
	}

	@Transactional(readOnly = true)
	public ContactProfile get(TenantId tenantId, ContactId id) {
		Tenant tenant = tenants.require(tenantId);
		Contact contact = contacts.find(tenantId, id).orElseThrow(() -> new NotFoundException("contact", id.value()));
		return profile(tenant, contact, contacts.facts(tenantId, id, tenant.clientActivityTypes()));
	}

	@Transactional(readOnly = true)
	public ContactPage list(TenantId tenantId, ContactQuery query) {
		Tenant tenant = tenants.require(tenantId);
		if (query.limit() < 1 || query.limit() > ContactQuery.MAX_LIMIT) {
			throw new InvalidInputException("limit", "must be between 1 and " + ContactQuery.MAX_LIMIT);
		}
		String phone = null;
		ContactQuery effective = query;
		if (query.text() != null && query.text().chars().noneMatch(Character::isLetter)
				&& query.text().chars().anyMatch(Character::isDigit)) {
			try {
				phone = phones.parse(query.text(), tenant.defaultRegion(), "q").e164();
			}
			catch (InvalidInputException partial) {
				// part of a number: look for its digits inside the stored E.164 (without the trunk 0)
				String digits = query.text().replaceAll("\\D", "").replaceFirst("^0+", "");
				effective = new ContactQuery(query.lifecycle(), query.hasPhone(), query.hasEmail(), digits, query.after(),
						query.limit());
			}
		}
		Instant now = now();
		List<Contact> rows = contacts.list(tenantId, effective, tenant.clientActivityTypes(),
				Lifecycle.windowStart(now, tenant.clientWindowMonths()), phone);
		boolean more = rows.size() > query.limit();
		List<Contact> page = more ? rows.subList(0, query.limit()) : rows;
		Map<ContactId, ActivityFacts> facts = contacts.facts(tenantId, page.stream().map(Contact::id).toList(),
				tenant.clientActivityTypes());
		List<ContactProfile> items = page.stream()
			.map(c -> profile(tenant, c, facts.getOrDefault(c.id(), ActivityFacts.NONE)))
			.toList();
		return new ContactPage(items, more ? page.get(page.size() - 1).id() : null);
	}

	/**
	 * Records what the contact did; the same type at the same instant is the same activity.
	 * @throws InvalidInputException when {@code occurredAt} lies in the future beyond the clock skew
	 */
	@Transactional
	public RecordedActivity addActivity(TenantId tenantId, ContactId id, ActivityType type, Instant occurredAt) {
		Tenant tenant = tenants.require(tenantId);
		contacts.find(tenantId, id).orElseThrow(() -> new NotFoundException("contact", id.value()));
		Instant now = now();
		Instant when = occurredAt == null ? now : occurredAt;
		if (when.isAfter(now.plus(properties.maxClockSkew()))) {
			throw new InvalidInputException("occurredAt", "lies in the future (" + when + "); activities are facts of the past");
		}
		boolean created = contacts.addActivity(tenantId, id, type, when, now, null);
		if (created) {
			events.publishEvent(new ContactChanged(tenantId, id));
		}
		ActivityFacts facts = contacts.facts(tenantId, id, tenant.clientActivityTypes());
		return new RecordedActivity(id, type, when, created,
				Lifecycle.of(facts.lastClientActivityAt(), now, tenant.clientWindowMonths()));
	}

	/**
	 * What the contact did, oldest first.
	 * @throws NotFoundException when {@code id} names no contact of the tenant
	 */
	@Transactional(readOnly = true)
	public List<Activity> activities(TenantId tenantId, ContactId id) {
		tenants.require(tenantId);
		contacts.find(tenantId, id).orElseThrow(() -> new NotFoundException("contact", id.value()));
		return contacts.activities(tenantId, id);
	}

	/**
	 * The contacts whose retention period may be over (FR-09), in id order: prospects collected and
	 * last active before {@code prospectCutoff}, ex-clients whose last client-making activity (the
	 * tenant's setting) is before {@code clientCutoff}. Consent is not looked at: that is the caller's.
	 */
	@Transactional(readOnly = true)
	public List<DormantContact> dormant(TenantId tenantId, Instant prospectCutoff, Instant clientCutoff) {
		Tenant tenant = tenants.require(tenantId);
		return contacts.dormant(tenantId, tenant.clientActivityTypes(), prospectCutoff, clientCutoff);
	}

	/** Those of these ids that name a contact of the tenant: one query per 500 ids, for batch work. */
	@Transactional(readOnly = true)
	public Set<ContactId> existing(TenantId tenantId, Collection<ContactId> ids) {
		return ids.isEmpty() ? Set.of() : contacts.existing(tenantId, ids);
	}

	/**
	 * The channels on which each of these contacts is on the suppression list (by the keyed hash of
	 * its phone or email): such a contact is in the base but may not be messaged there (GDPR-07).
	 * Contacts on no list are absent from the answer.
	 */
	@Transactional(readOnly = true)
	public Map<ContactId, Set<Channel>> suppressedChannels(TenantId tenantId, Collection<ContactId> ids) {
		return ids.isEmpty() ? Map.of() : contacts.suppressedChannels(tenantId, ids);
	}

	/** Now, to the millisecond: what the database keeps. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private ContactProfile save(Tenant tenant, Contact updated, Contacts.Matches matches) {
		refuseDuplicates(matches, updated.id());
		try {
			contacts.update(updated);
		}
		catch (DataIntegrityViolationException race) {
			refuseDuplicates(contacts.match(tenant.id(), updated.phone() == null ? null : updated.phone().e164(),
					updated.email() == null ? null : updated.email().key(), updated.externalRef()), updated.id());
			throw race;
		}
		events.publishEvent(new ContactChanged(tenant.id(), updated.id()));
		return profile(tenant, updated, contacts.facts(tenant.id(), updated.id(), tenant.clientActivityTypes()));
	}

	private ContactProfile profile(Tenant tenant, Contact contact, ActivityFacts facts) {
		return new ContactProfile(contact,
				Lifecycle.of(facts.lastClientActivityAt(), now(), tenant.clientWindowMonths()),
				facts.lastPurchaseAt(), facts.lastInboundAt());
	}

	private static void refuseDuplicates(Contacts.Matches matches, ContactId self) {
		if (matches.byPhone() != null && !matches.byPhone().equals(self)) {
			throw new DuplicateContactException("phone", matches.byPhone());
		}
		if (matches.byEmail() != null && !matches.byEmail().equals(self)) {
			throw new DuplicateContactException("email", matches.byEmail());
		}
		if (matches.byExternalRef() != null && !matches.byExternalRef().equals(self)) {
			throw new DuplicateContactException("externalRef", matches.byExternalRef());
		}
	}

	private Contact apply(Contact c, Fields f, ContactDraft d) {
		EmailAddress email = d.has("email") ? f.email : c.email();
		PhoneNumber phone = d.has("phone") ? f.phone : c.phone();
		if (email == null && phone == null) {
			throw new InvalidInputException(d.has("phone") ? "phone" : "email",
					"a contact needs a phone or an email; this change would leave it with neither");
		}
		return new Contact(c.id(), c.tenant(), d.has("externalRef") ? f.externalRef : c.externalRef(), email, phone,
				d.has("firstName") ? f.firstName : c.firstName(), d.has("lastName") ? f.lastName : c.lastName(),
				d.has("locale") ? f.locale : c.locale(), d.has("country") ? f.country : c.country(),
				d.has("professional") ? bool(d.professional()) : c.professional(),
				d.has("collectedInSale") ? bool(d.collectedInSale()) : c.collectedInSale(),
				d.has("optOutOffered") ? bool(d.optOutOffered()) : c.optOutOffered(), c.importId(), c.createdAt(),
				now());
	}

	private Fields normalise(Tenant tenant, ContactDraft draft) {
		List<FieldViolation> violations = new ArrayList<>();
		Fields fields = new Fields(normalisation.text(draft.externalRef(), "externalRef", violations),
				normalisation.email(draft.email(), "email", violations),
				normalisation.phone(draft.phone(), tenant.defaultRegion(), "phone", violations),
				normalisation.text(draft.firstName(), "firstName", violations),
				normalisation.text(draft.lastName(), "lastName", violations),
				normalisation.locale(draft.locale(), "locale", violations),
				normalisation.country(draft.country(), "country", violations));
		for (String flag : Set.of("professional", "collectedInSale", "optOutOffered")) {
			if (draft.has(flag) && flagValue(draft, flag) == null) {
				violations.add(new FieldViolation(flag, "must be true or false, not null"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return fields;
	}

	private static Boolean flagValue(ContactDraft d, String flag) {
		switch (flag) {
			case "professional":
				return d.professional();
			case "collectedInSale":
				return d.collectedInSale();
			default:
				return d.optOutOffered();
		}
	}

	private static String phoneOf(Fields f) {
		return f.phone == null ? null : f.phone.e164();
	}

	private static String emailKeyOf(Fields f) {
		return f.email == null ? null : f.email.key();
	}

	private static boolean bool(Boolean value) {
		return Boolean.TRUE.equals(value);
	}

	private record Fields(String externalRef, EmailAddress email, PhoneNumber phone, String firstName, String lastName,
			String locale, String country) {
	}
}
