package org.optinel.consent;

import java.time.Instant;
import java.util.Optional;

import org.optinel.core.TenantId;

/**
 * Storage of idempotency keys and the responses they produced. The primary key (tenant, key) is
 * the guard against concurrent retries: a second claim of a key waits for the first claim's
 * transaction and then fails.
 */
public interface IdempotencyKeys {

	/**
	 * Claims {@code key} for a request in the current transaction, after forgetting it if it expired
	 * by {@code now}; false when it is held by a request already recorded.
	 */
	boolean claim(TenantId tenant, String key, String requestSha256, Instant now, Instant expiresAt);

	/** The response kept for a claimed key. */
	Optional<Kept> find(TenantId tenant, String key);

	/** Forgets at most {@code limit} of the tenant's keys that expired by {@code now}; how many it forgot. */
	int forgetExpired(TenantId tenant, Instant now, int limit);

	/** Keeps the response of the request that claimed {@code key}. */
	void keep(TenantId tenant, String key, int status, String location, String body);

	/** A kept request hash and response. */
	record Kept(String requestSha256, int status, String location, String body) {
	}
}
