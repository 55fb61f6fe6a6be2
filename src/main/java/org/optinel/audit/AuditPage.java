package org.optinel.audit;

import java.util.List;

/** One page of a tenant's audit log, newest first; {@code next} is the cursor of the following page, or {@code null}. */
public record AuditPage(List<AuditEntry> items, String next) {

	public AuditPage {
		items = List.copyOf(items);
	}
}
