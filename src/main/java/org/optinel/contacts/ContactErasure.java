package org.optinel.contacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.optinel.audit.AuditLog;
import org.optinel.core.Ids;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.TenantManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases contacts (GDPR-10): their personal data everywhere it is kept, except the suppression
 * hashes (FR-10) and the consent ledger's events, which hold no personal data but the contact's
 * opaque id and stay verifiable, since the evidence they commit to is erased, not changed.
 *
 * <p>Per chunk of contacts ({@code optinel.contacts.erasure-chunk-size}, 500 by default), in one
 * transaction: each {@link PersonalDataHolder} counts what it keeps of them, {@link ContactErased}
 * is published for each contact before its row goes so that every module deletes its own data in
 * its listener, the contacts and their activities are deleted, and one {@code CONTACT_ERASED} entry
 * goes to the audit log with the counts and the reason, never personal data. A chunk commits whole
 * or not at all, with its audit entry; a caller's transaction, when there is one, holds them all.
 * A dry run counts the same rows in read-only transactions and changes nothing.
 */
@Service
public class ContactErasure {

	/** The audit action of an erasure. */
	public static final String AUDIT_ACTION = "CONTACT_ERASED";

	/** The reason of an erasure the person asked for (art. 17). */
	public static final String REQUEST = "REQUEST";

	/** The reason of an erasure at the end of the retention period (FR-09). */
	public static final String RETENTION = "RETENTION";

	private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

	private final Contacts contacts;

	private final TenantManagement tenants;

	private final IdentifierHashing hashing;

	private final AuditLog audit;

	private final ObjectProvider<PersonalDataHolder> holders;

	private final ApplicationEventPublisher events;

	private final Ids ids;

	private final ContactsProperties properties;

	private final TransactionTemplate writer;

	private final TransactionTemplate reader;

	ContactErasure(Contacts contacts, TenantManagement tenants, IdentifierHashing hashing, AuditLog audit,
			ObjectProvider<PersonalDataHolder> holders, ApplicationEventPublisher events, Ids ids,
			ContactsProperties properties, PlatformTransactionManager transactions) {
		this.contacts = contacts;
		this.tenants = tenants;
		this.hashing = hashing;
		this.audit = audit;
		this.holders = holders;
		this.events = events;
		this.ids = ids;
		this.properties = properties;
		this.writer = new TransactionTemplate(transactions);
		this.reader = new TransactionTemplate(transactions);
		this.reader.setReadOnly(true);
	}

	/** {@link #erase(TenantId, Collection, String, String, boolean, ErasureProgress)} without progress. */
	public ErasureReport erase(TenantId tenant, Collection<ContactId> contactIds, String reason, String actor,
			boolean dryRun) {
		return erase(tenant, contactIds, reason, actor, dryRun, ErasureProgress.NONE);
	}

	/**
	 * Erases the contacts of these ids, or counts what erasing them would delete. Ids that name no
	 * contact of the tenant are counted in {@link ErasureReport#notFound()}, nothing more.
	 * @param reason {@link #REQUEST}, {@link #RETENTION} or another upper-case word, kept in the audit log
	 * @param actor who asks: {@code api-key}, {@code operator}, {@code scheduler}, {@code cli}
	 * @param progress told after each chunk
	 * @throws IllegalArgumentException when the reason or the actor is malformed
	 */
	public ErasureReport erase(TenantId tenant, Collection<ContactId> contactIds, String reason, String actor,
			boolean dryRun, ErasureProgress progress) {
		Objects.requireNonNull(contactIds, "contactIds");
		if (reason == null || !REASON.matcher(reason).matches()) {
			throw new IllegalArgumentException("erasure reason must be an upper-case word such as REQUEST, was " + reason);
		}
		if (actor == null || actor.isBlank()) {
			throw new IllegalArgumentException("an erasure names its actor");
		}
		tenants.require(tenant);
		List<ContactId> all = List.copyOf(new LinkedHashSet<>(contactIds));
		String erasureId = ids.next();
		int size = properties.erasureChunkSize();
		int parts = Math.max(1, (all.size() + size - 1) / size);
		Map<String, Long> records = new LinkedHashMap<>();
		records.put("contacts", 0L);
		records.put("activities", 0L);
		int erased = 0;
		for (int part = 0; part * size < all.size(); part++) {
			List<ContactId> chunk = all.subList(part * size, Math.min(all.size(), (part + 1) * size));
			Chunk context = new Chunk(tenant, erasureId, reason, actor, part + 1, parts, all.size() == 1);
			Map<String, Long> counted = dryRun ? reader.execute(status -> count(context, chunk).records)
					: writer.execute(status -> erase(context, chunk));
			counted.forEach((kind, n) -> records.merge(kind, n, Long::sum));
			erased += counted.getOrDefault("contacts", 0L).intValue();
			progress.update(Math.min(all.size(), (part + 1) * size), all.size());
		}
		return new ErasureReport(erasureId, dryRun, reason, all.size(), erased, all.size() - erased, records);
	}

	private Counted count(Chunk context, List<ContactId> chunk) {
		List<Contact> found = contacts.findAll(context.tenant, chunk);
		IdentifierHashing.Hasher hasher = found.isEmpty() ? null : hashing.hasher(context.tenant);
		List<ContactErased> erasures = new ArrayList<>(found.size());
		for (Contact c : found) {
			String phone = c.phone() == null ? null : c.phone().e164();
			String emailKey = c.email() == null ? null : c.email().key();
			erasures.add(new ContactErased(context.tenant, c.id(), phone, emailKey,
					phone == null ? null : hasher.phone(phone), emailKey == null ? null : hasher.emailKey(emailKey),
					context.erasureId, context.reason));
		}
		Map<String, Long> records = new LinkedHashMap<>();
		records.put("contacts", (long) found.size());
		records.put("activities", found.isEmpty() ? 0L
				: contacts.countActivities(context.tenant, found.stream().map(Contact::id).toList()));
		if (!found.isEmpty()) {
			holders.orderedStream()
				.forEach(holder -> holder.erasable(context.tenant, erasures)
					.forEach((kind, n) -> records.merge(kind, n, Long::sum)));
		}
		return new Counted(erasures, records);
	}

	private Map<String, Long> erase(Chunk context, List<ContactId> chunk) {
		Counted counted = count(context, chunk);
		if (counted.erasures.isEmpty()) {
			return counted.records;
		}
		// Before the rows go: a listener may still need to read what the contact row says.
		counted.erasures.forEach(events::publishEvent);
		contacts.delete(context.tenant, counted.erasures.stream().map(ContactErased::contact).toList());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("erasureId", context.erasureId);
		details.put("reason", context.reason);
		if (context.parts > 1) {
			details.put("part", context.part);
			details.put("parts", context.parts);
		}
		details.put("records", counted.records);
		// One contact asked for: the entry names it; a set: the entry names the erasure.
		String target = context.single ? counted.erasures.get(0).contact().value() : context.erasureId;
		audit.record(context.tenant, context.actor, AUDIT_ACTION, target, counted.erasures.size(), details);
		return counted.records;
	}

	private record Chunk(TenantId tenant, String erasureId, String reason, String actor, int part, int parts,
			boolean single) {
	}

	private record Counted(List<ContactErased> erasures, Map<String, Long> records) {
	}
}
