package org.optinel.contacts;

import org.optinel.core.TenantId;

/**
 * A contact was created or changed through the API (its fields, or a new activity). Published
 * inside the transaction that changed it.
 */
public record ContactChanged(TenantId tenant, ContactId contact) {
}
