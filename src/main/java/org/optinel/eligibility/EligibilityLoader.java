package org.optinel.eligibility;

import java.util.ArrayList;
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

	/** Reads one contact again, suppressions included; forgets it when it no longer exists. */
	void refresh(TenantId tenantId, Snapshot s, String contactId, Map<String, Integer> recent) {
		Tenant tenant = tenants.require(tenantId);
		readOnly.executeWithoutResult(status -> {
			List<EligibilityStore.ContactRow> rows = new ArrayList<>(1);
			store.forEachContact(tenantId, contactId, rows::add);
			if (rows.isEmpty()) {
				s.forget(contactId);
				return;
			}
			EligibilityStore.ContactRow row = rows.get(0);
			List<String> hashes = new ArrayList<>(2);
			if (row.phoneHash() != null) {
				hashes.add(row.phoneHash());
			}
			if (row.emailHash() != null) {
				hashes.add(row.emailHash());
			}
			List<EligibilityStore.ActiveSuppression> active = store.suppressions(tenantId, hashes);
			synchronized (s) {
				int slot = s.put(row);
				if (slot < 0) {
					return;
				}
				s.clearSuppressions(slot);
				active.forEach(x -> s.applySuppression(x.hash(), x.scope(), x.smsStop()));
				hashes.forEach(h -> {
					Integer bits = recent.get(h);
					if (bits != null) {
						s.applyBits(h, bits);
					}
				});
				s.lastClient[slot] = Long.MIN_VALUE;
			}
			store.forEachLastClientActivity(tenantId, contactId, tenant.clientActivityTypes(), s::lastClient);
			store.forEachState(tenantId, contactId,
					st -> s.consent(st.contactId(), st.channel(), st.purpose(), st.status(), st.since(), true));
		});
	}
}
