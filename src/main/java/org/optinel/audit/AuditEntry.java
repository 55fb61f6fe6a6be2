package org.optinel.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * One entry of a tenant's audit log, as kept forever. Holds no personal data: {@code target} is an
 * opaque id and {@code details} holds counts, reasons and settings.
 *
 * @param id a UUIDv7, so that entries sort by the time they were written
 * @param actor who acted: {@code api-key}, {@code operator}, {@code scheduler}, {@code cli}
 * @param action what was done, e.g. {@code CONTACT_ERASED}, {@code RETENTION_PURGE}
 * @param target what it acted on (a contact id, a campaign id, a purge id), or {@code null}
 * @param count how many things it acted on
 */
public record AuditEntry(TenantId tenant, String id, Instant at, String actor, String action, String target,
		long count, Map<String, Object> details) {

	public AuditEntry {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
	}
}
