package org.optinel.contacts;

import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;

/** Another contact of the tenant already holds this phone, email or external reference. */
public class DuplicateContactException extends OptinelException {

	public DuplicateContactException(String field, ContactId existing) {
		super(ProblemKind.CONFLICT, "duplicate-contact", "Duplicate contact",
				"Another contact already has this " + field + "; update contact " + existing + " instead.");
		with("field", field);
		with("existingId", existing.value());
	}
}
