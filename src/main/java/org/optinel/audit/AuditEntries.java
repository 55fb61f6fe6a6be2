package org.optinel.audit;

import java.util.List;

import org.optinel.core.TenantId;

/**
 * Storage of the audit log: append and read, nothing else. There is deliberately no update and no
 * delete: an entry, once written, is evidence.
 */
public interface AuditEntries {

	void append(AuditEntry entry);

	/**
	 * The tenant's entries newest first, of one action or of all ({@code null}), older than the
	 * entry {@code before} ({@code null}: from the newest); {@code limit + 1} rows at most, to tell
	 * whether more follow.
	 */
	List<AuditEntry> page(TenantId tenant, String action, String before, int limit);
}
