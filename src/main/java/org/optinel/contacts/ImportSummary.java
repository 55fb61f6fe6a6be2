package org.optinel.contacts;

import java.time.Duration;
import java.util.List;

/**
 * What an import did. Every row is either accepted (written whole) or rejected (not written at
 * all, with its reasons in the error report).
 *
 * @param contactsUpdated accepted rows that changed an existing contact
 * @param contactsUnchanged accepted rows that matched a contact and changed nothing (a re-import)
 * @param contactsSuppressed created or updated contacts whose phone or email is on the suppression list: they
 *        are in the base and stay suppressed
 * @param ignoredColumns headers that map to no field
 */
public record ImportSummary(String importId, long rowsRead, long accepted, long rejected, long contactsCreated,
		long contactsUpdated, long contactsUnchanged, long activitiesAdded, long contactsSuppressed,
		List<String> ignoredColumns,
		Duration took) {

	public double rowsPerSecond() {
		return took.isZero() ? 0 : rowsRead * 1000.0 / took.toMillis();
	}
}
