package org.optinel.audit.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.audit.AuditEntry;
import org.optinel.audit.AuditLog;
import org.optinel.audit.AuditPage;
import org.optinel.core.TenantId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over the API: read only. There is no way to change or remove an entry, here or anywhere. */
@RestController
@Tag(name = "Audit", description = "What was done to personal data, by whom and when: erasures, purges")
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "The tenant's audit log, newest first, a page at a time",
			description = "action filters by action (CONTACT_ERASED, RETENTION_PURGE, CONTACT_EXPORTED, ...); pass "
					+ "the returned 'next' as 'cursor' to read the following page. Entries hold no personal data.")
	PageResponse list(TenantId tenant, @RequestParam(required = false) String action,
			@Parameter(description = "1 to 500") @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		AuditPage page = log.list(tenant, action == null || action.isBlank() ? null : action.strip(), limit,
				cursor == null || cursor.isBlank() ? null : cursor.strip());
		return new PageResponse(page.items().stream().map(EntryResponse::of).toList(), page.next());
	}

	/** One entry as the API shows it. */
	record EntryResponse(String id, Instant at, String actor, String action, String target, long count,
			Map<String, Object> details) {

		static EntryResponse of(AuditEntry e) {
			return new EntryResponse(e.id(), e.at(), e.actor(), e.action(), e.target(), e.count(), e.details());
		}
	}

	/** One page; {@code next} is the cursor of the following page, {@code null} on the last. */
	record PageResponse(List<EntryResponse> items, String next) {
	}
}
