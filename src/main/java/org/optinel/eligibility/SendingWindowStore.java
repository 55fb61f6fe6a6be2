package org.optinel.eligibility;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of the tenants' sending windows. Every call is scoped by tenant. */
public interface SendingWindowStore {

	/** The tenant's windows; empty when it never set any (the defaults apply). */
	Optional<SendingWindows> find(TenantId tenant);

	/** Replaces the tenant's windows. */
	void save(TenantId tenant, SendingWindows windows, Instant at);
}
