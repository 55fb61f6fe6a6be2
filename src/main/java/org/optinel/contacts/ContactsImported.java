package org.optinel.contacts;

import org.optinel.core.TenantId;

/**
 * An import finished and its contacts are in the base: listeners that keep something in step
 * with contacts read them again in bulk rather than contact by contact. Published inside the
 * transaction that records the import as done.
 */
public record ContactsImported(TenantId tenant, String importId) {
}
