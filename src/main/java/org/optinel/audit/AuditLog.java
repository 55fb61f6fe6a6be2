package org.optinel.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's audit log: what was done to personal data, by whom, when, on what and how much
 * (GDPR-12). Entries are appended in the transaction of the action they describe, so that an action
 * and its entry commit or roll back together; they are never changed or deleted.
 *
 * <p>The caller's duty: no personal data in an entry. {@code target} is an opaque id and
 * {@code details} holds counts, reasons and settings; a value that is plainly an email address or
 * an E.164 phone number is refused, as a guard against mistakes, not as a proof.
 */
@Service
public class AuditLog {

	/** Entries in one page at most. */
	public static final int MAX_LIMIT = 500;

	private static final Pattern ACTOR = Pattern.compile("[a-z][a-z0-9._:-]{0,63}");

	private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

	private static final Pattern PHONE = Pattern.compile("\\+[0-9]{6,15}");

	private final AuditEntries entries;

	private final TenantManagement tenants;

	private final Ids ids;

	private final Clock clock;

	AuditLog(AuditEntries entries, TenantManagement tenants, Ids ids, Clock clock) {
		this.entries = entries;
		this.tenants = tenants;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * Appends an entry, in the caller's transaction when there is one (or in its own).
	 * @param actor who acted: {@code api-key}, {@code operator}, {@code scheduler}, {@code cli} (lower case)
	 * @param action what was done, upper case: {@code CONTACT_ERASED}, {@code RETENTION_PURGE}, ...
	 * @param target the opaque id of what it acted on, or {@code null}
	 * @param details counts, reasons and settings; never personal data
	 * @throws IllegalArgumentException when a value is malformed or plainly personal data
	 */
	@Transactional
	public AuditEntry record(TenantId tenant, String actor, String action, String target, long count,
			Map<String, ?> details) {
		tenants.require(tenant);
		if (actor == null || !ACTOR.matcher(actor).matches()) {
			throw new IllegalArgumentException("audit actor must be lower case, 1 to 64 of a-z 0-9 . _ : -, was " + actor);
		}
		if (action == null || !ACTION.matcher(action).matches()) {
			throw new IllegalArgumentException("audit action must be upper case, 1 to 64 of A-Z 0-9 _, was " + action);
		}
		if (target != null && (target.length() > 200 || personal(target))) {
			throw new IllegalArgumentException("audit target must be an opaque id of at most 200 characters");
		}
		if (count < 0) {
			throw new IllegalArgumentException("audit count must not be negative, was " + count);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> kept = details == null ? Map.of() : (Map<String, Object>) details;
		refusePersonalData(kept, "details");
		AuditEntry entry = new AuditEntry(tenant, ids.next(), clock.instant().truncatedTo(ChronoUnit.MILLIS), actor,
				action, target, count, kept);
		entries.append(entry);
		return entry;
	}

	/**
	 * The tenant's entries, newest first, one page at a time.
	 * @param action only entries of this action, or all when {@code null}
	 * @param cursor the {@code next} of the previous page, or {@code null} for the first
	 * @throws InvalidInputException for a malformed action or cursor, or a limit outside 1 to {@value #MAX_LIMIT}
	 */
	@Transactional(readOnly = true)
	public AuditPage list(TenantId tenant, String action, int limit, String cursor) {
		tenants.require(tenant);
		List<FieldViolation> violations = new java.util.ArrayList<>();
		if (action != null && !ACTION.matcher(action).matches()) {
			violations.add(new FieldViolation("action", "is an action name in upper case, such as CONTACT_ERASED"));
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			violations.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
		}
		if (cursor != null && !Ids.isCanonical(cursor)) {
			violations.add(new FieldViolation("cursor", "is not a cursor returned by this API (field 'next')"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		List<AuditEntry> rows = entries.page(tenant, action, cursor, limit);
		boolean more = rows.size() > limit;
		List<AuditEntry> page = more ? rows.subList(0, limit) : rows;
		return new AuditPage(page, more ? page.get(page.size() - 1).id() : null);
	}

	private static void refusePersonalData(Object value, String path) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> refusePersonalData(v, path + "." + k));
		}
		else if (value instanceof Iterable<?> list) {
			list.forEach(v -> refusePersonalData(v, path + "[]"));
		}
		else if (value instanceof CharSequence text && personal(text.toString())) {
			// The value itself is not repeated: it may be the very thing that must not be written.
			throw new IllegalArgumentException("audit " + path + " looks like an email address or a phone number; "
					+ "the audit log keeps no personal data");
		}
	}

	private static boolean personal(String text) {
		return text.contains("@") || PHONE.matcher(text.strip()).matches();
	}
}
