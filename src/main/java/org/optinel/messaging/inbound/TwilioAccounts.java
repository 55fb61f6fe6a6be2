package org.optinel.messaging.inbound;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of each tenant's Twilio auth token, sealed with the master key. */
public interface TwilioAccounts {

	Optional<String> sealedAuthToken(TenantId tenant);

	void save(TenantId tenant, String sealedAuthToken, Instant at);
}
