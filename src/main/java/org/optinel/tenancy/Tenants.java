package org.optinel.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of tenants and their API keys (hashes only). */
public interface Tenants {

	Optional<Tenant> find(TenantId id);

	List<Tenant> findByName(String name);

	/** Every tenant's id, for work done tenant by tenant (sweeps). */
	List<TenantId> allIds();

	boolean isEmpty();

	void insert(Tenant tenant);

	void insertKey(TenantId tenant, String keyId, String keyHash, String label, Instant createdAt);

	/** The tenant owning the live key with this hash. */
	Optional<TenantId> findByKeyHash(String keyHash);
}
