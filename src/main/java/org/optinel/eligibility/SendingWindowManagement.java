package org.optinel.eligibility;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's sending windows for marketing SMS: read on every decision, so kept in memory; set
 * only within the hard limits (FR-07, US-05).
 */
@Service
public class SendingWindowManagement {

	private final SendingWindowStore store;

	private final TenantManagement tenants;

	private final Clock clock;

	private final Map<TenantId, SendingWindows> cache = new ConcurrentHashMap<>();

	SendingWindowManagement(SendingWindowStore store, TenantManagement tenants, Clock clock) {
		this.store = store;
		this.tenants = tenants;
		this.clock = clock;
	}

	/** The tenant's windows, the defaults if it set none. */
	public SendingWindows windows(TenantId tenant) {
		return cache.computeIfAbsent(tenant, t -> store.find(t).orElse(SendingWindows.DEFAULT));
	}

	/**
	 * Replaces the tenant's windows.
	 * @throws org.optinel.core.InvalidInputException when a window lies outside its hard limit (422)
	 */
	@Transactional
	public SendingWindows update(TenantId tenant, SendingWindows windows) {
		tenants.require(tenant);
		windows.validated();
		store.save(tenant, windows, clock.instant());
		cache.remove(tenant);
		// Forget the cached value again once the new one is committed, so a concurrent read cannot keep the old one.
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cache.remove(tenant);
				}
			});
		return windows;
	}
}
