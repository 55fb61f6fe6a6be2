package org.optinel.messaging.inbound;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of each tenant's keyword settings; no stored settings means the defaults. */
public interface SmsKeywords {

	Optional<KeywordSettings> find(TenantId tenant);

	void save(TenantId tenant, KeywordSettings settings, Instant at);
}
