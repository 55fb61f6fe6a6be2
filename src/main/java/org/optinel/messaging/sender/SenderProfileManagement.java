package org.optinel.messaging.sender;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads and sets each tenant's sender profile. Every SMS and email that is prepared reads it, so it
 * is kept in memory: an update is seen at once on this node, and within {@link #CACHE_FOR} on the
 * others.
 */
@Service
public class SenderProfileManagement {

	/** How long a profile read from storage is trusted, for the nodes that did not make the change. */
	static final Duration CACHE_FOR = Duration.ofSeconds(60);

	private final SenderProfiles store;

	private final TenantManagement tenants;

	private final PhoneNumbers phones;

	private final Clock clock;

	private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

	/** Counts updates, so that a read that raced with one does not cache what it read. */
	private final AtomicLong updates = new AtomicLong();

	SenderProfileManagement(SenderProfiles store, TenantManagement tenants, PhoneNumbers phones, Clock clock) {
		this.store = store;
		this.tenants = tenants;
		this.phones = phones;
		this.clock = clock;
	}

	/** The tenant's profile, or {@link SenderProfile#defaults the defaults} when it set none. */
	public SenderProfile profile(TenantId tenant) {
		long now = clock.millis();
		Cached cached = cache.get(tenant);
		if (cached != null && cached.expiresAt > now) {
			return cached.profile;
		}
		long seen = updates.get();
		Tenant known = tenants.require(tenant);
		SenderProfile profile = store.find(tenant).orElseGet(() -> SenderProfile.defaults(known.name()));
		Cached fresh = new Cached(profile, now + CACHE_FOR.toMillis());
		cache.compute(tenant, (id, current) -> updates.get() == seen ? fresh : current);
		return profile;
	}

	/**
	 * Replaces the tenant's profile; nothing is written unless every field is valid.
	 * @throws org.optinel.core.InvalidInputException listing every field at fault (422)
	 */
	@Transactional
	public SenderProfile update(TenantId tenant, NewSenderProfile request) {
		SenderProfile profile = request.toProfile(tenants.require(tenant), phones);
		store.save(tenant, profile, clock.instant());
		forget(tenant);
		// Forget it again once committed, so that a read between the save and the commit is not kept.
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget(tenant);
				}
			});
		}
		return profile;
	}

	private void forget(TenantId tenant) {
		cache.compute(tenant, (id, current) -> {
			updates.incrementAndGet();
			return null;
		});
	}

	private record Cached(SenderProfile profile, long expiresAt) {
	}
}
