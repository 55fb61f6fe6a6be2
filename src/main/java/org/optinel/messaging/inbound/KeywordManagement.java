package org.optinel.messaging.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.optinel.consent.Notice;
import org.optinel.consent.PurposeManagement;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and sets a tenant's SMS keywords (KW-01..03) and what its opt-in words grant. Setting them
 * checks that every granted purpose exists and every notice is that purpose's.
 */
@Service
public class KeywordManagement {

	private final SmsKeywords store;

	private final TenantManagement tenants;

	private final PurposeManagement purposes;

	private final Clock clock;

	KeywordManagement(SmsKeywords store, TenantManagement tenants, PurposeManagement purposes, Clock clock) {
		this.store = store;
		this.tenants = tenants;
		this.purposes = purposes;
		this.clock = clock;
	}

	/** The tenant's settings, or the defaults when it set none. */
	@Transactional(readOnly = true)
	public KeywordSettings settings(TenantId tenant) {
		tenants.require(tenant);
		return store.find(tenant).orElse(KeywordSettings.DEFAULTS);
	}

	/**
	 * Replaces the tenant's settings.
	 * @throws InvalidInputException when a granted purpose or notice is unknown or they do not belong together
	 */
	@Transactional
	public KeywordSettings set(TenantId tenant, KeywordSettings settings) {
		tenants.require(tenant);
		List<FieldViolation> violations = new ArrayList<>();
		for (Map.Entry<String, List<OptInGrant>> entry : settings.optInGrants().entrySet()) {
			for (OptInGrant grant : entry.getValue()) {
				String field = "optInGrants." + entry.getKey();
				List<Notice> notices = purposes.notices(tenant, grant.purpose().strip());
				if (purposes.purposes(tenant).stream().noneMatch(p -> p.key().equals(grant.purpose().strip()))) {
					violations.add(new FieldViolation(field, "'" + grant.purpose() + "' is not a purpose of this tenant"));
				}
				else if (notices.stream().noneMatch(n -> n.id().equals(grant.noticeId().strip()))) {
					violations.add(new FieldViolation(field, "'" + grant.noticeId() + "' is not a notice of purpose '"
							+ grant.purpose() + "'"));
				}
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		store.save(tenant, settings, clock.instant());
		return settings;
	}
}
