package org.optinel.contacts;

import java.nio.file.Path;

import org.optinel.core.TenantId;

import org.springframework.stereotype.Service;

/** Imports a CSV file of contacts and their activities. */
@Service
public class ContactImporter {

	/**
	 * Imports {@code file} into the tenant's base, synchronously.
	 * @return the summary, also kept with the import's record
	 */
	public ImportSummary importContacts(TenantId tenant, Path file, ImportSource source, ImportProgress progress) {
		throw new UnsupportedOperationException("being written");
	}
}
