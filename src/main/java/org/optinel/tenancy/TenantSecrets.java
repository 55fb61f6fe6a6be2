package org.optinel.tenancy;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of tenants' secrets, only ever sealed with the {@link MasterKey}. */
public interface TenantSecrets {

	/** The sealed secret of {@code purpose}, if the tenant has one. */
	Optional<String> find(TenantId tenant, String purpose);

	/** Stores a sealed secret unless the tenant already has one for {@code purpose}; false then. */
	boolean insertIfAbsent(TenantId tenant, String purpose, String sealedSecret, Instant createdAt);
}
