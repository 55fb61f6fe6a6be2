package org.optinel.messaging.sender;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of each tenant's sender profile; no stored profile means the defaults. */
public interface SenderProfiles {

	Optional<SenderProfile> find(TenantId tenant);

	/** Replaces the tenant's profile, inbound numbers included, in the caller's transaction. */
	void save(TenantId tenant, SenderProfile profile, Instant at);
}
