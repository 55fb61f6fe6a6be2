package org.optinel.tenancy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

import org.optinel.core.TenantId;

/**
 * One business using Optinel and the settings under which its base is judged.
 *
 * @param defaultRegion ISO 3166 alpha-2 region in which national phone numbers are read
 * @param clientWindowMonths how long after the last client-making activity a contact is still a client (SEED-01)
 * @param clientActivityTypes activity types that make a client (SEED-01, FR-03): {@code PURCHASE} unless the tenant adds more
 */
public record Tenant(TenantId id, String name, String defaultRegion, ZoneId timeZone, Jurisdiction jurisdiction,
		int clientWindowMonths, Set<String> clientActivityTypes, Instant createdAt) {

	public static final int DEFAULT_CLIENT_WINDOW_MONTHS = 12;

	public static final Set<String> DEFAULT_CLIENT_ACTIVITY_TYPES = Set.of("PURCHASE");

	public Tenant {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(defaultRegion, "defaultRegion");
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(jurisdiction, "jurisdiction");
		clientActivityTypes = Set.copyOf(clientActivityTypes);
		if (clientWindowMonths < 1) {
			throw new IllegalArgumentException("clientWindowMonths must be at least 1");
		}
	}
}
