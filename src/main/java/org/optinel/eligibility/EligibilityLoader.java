package org.optinel.eligibility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads a tenant's facts into a {@link Snapshot}, whole or one contact at a time, in one read-only transaction. */
@Component
class EligibilityLoader {

	private final EligibilityStore store;

	private final TenantManagement tenants;

	private final TransactionTemplate readOnly;

	EligibilityLoader(EligibilityStore store, TenantManagement tenants, PlatformTransactionManager transactions) {
		this.store = store;
		this.tenants = tenants;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	Snapshot load(TenantId tenantId, Map<String, Integer> recent) {
		Tenant tenant = tenants.require(tenantId);
		Snapshot s = readOnly.execute(status -> {
			Snapshot snapshot = new Snapshot(store.countContacts(tenantId));
			store.forEachContact(tenantId, null, snapshot::put);
			store.forEachLastClientActivity(tenantId, null, tenant.clientActivityTypes(), snapshot::lastClient);
			store.forEachState(tenantId, null,
					st -> snapshot.consent(st.contactId(), st.channel(), st.purpose(), st.status(), st.since(), true));
			store.forEachSuppression(tenantId, x -> snapshot.applySuppression(x.hash(), x.scope(), x.smsStop()));
			return snapshot;
		});
		// Suppressions added in transactions that committed after the reads above.
		recent.forEach(s::applyBits);
		return s;
	}

	/** Reads the consent states of some held contacts again (at most {@link EligibilityStore#MAX_NAMED}). */
	void refreshStates(TenantId tenantId, Snapshot s, Collection<String> contactIds) {
		readOnly.executeWithoutResult(status -> store.forEachState(tenantId, contactIds,
				st -> s.consent(st.contactId(), st.channel(), st.purpose(), st.status(), st.since(), true)));
	}

	/**
	 * Reads some contacts again (at most {@link EligibilityStore#MAX_NAMED}), suppressions included,
	 * in one read-only transaction; forgets those that no longer exist.
	 */
	void refresh(TenantId tenantId, Snapshot s, Collection<String> contactIds, Map<String, Integer> recent) {
		Tenant tenant = tenants.require(tenantId);
		readOnly.executeWithoutResult(status -> {
			Map<String, EligibilityStore.ContactRow> rows = new HashMap<>(contactIds.size() * 2);
			store.forEachContact(tenantId, contactIds, row -> rows.put(row.contactId(), row));
			List<String> hashes = new ArrayList<>(rows.size() * 2);
			for (EligibilityStore.ContactRow row : rows.values()) {
				if (row.phoneHash() != null) {
					hashes.add(row.phoneHash());
				}
				if (row.emailHash() != null) {
					hashes.add(row.emailHash());
				}
			}
			List<EligibilityStore.ActiveSuppression> active = hashes.isEmpty() ? List.of()
					: store.suppressions(tenantId, hashes);
			List<String> held = new ArrayList<>(rows.size());
			synchronized (s) {
				for (String id : contactIds) {
					EligibilityStore.ContactRow row = rows.get(id);
					if (row == null) {
						s.forget(id);
						continue;
					}
					int slot = s.put(row);
					if (slot >= 0) {
						s.clearSuppressions(slot);
						s.lastClient[slot] = Long.MIN_VALUE;
						held.add(id);
					}
				}
				active.forEach(x -> s.applySuppression(x.hash(), x.scope(), x.smsStop()));
				hashes.forEach(h -> {
					Integer bits = recent.get(h);
					if (bits != null) {
						s.applyBits(h, bits);
					}
				});
			}
			if (held.isEmpty()) {
				return;
			}
			store.forEachLastClientActivity(tenantId, held, tenant.clientActivityTypes(), s::lastClient);
			store.forEachState(tenantId, held,
					st -> s.consent(st.contactId(), st.channel(), st.purpose(), st.status(), st.since(), true));
		});
	}
}
