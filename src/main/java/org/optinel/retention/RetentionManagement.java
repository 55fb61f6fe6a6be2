package org.optinel.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.optinel.audit.AuditLog;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentState;
import org.optinel.consent.ConsentStatus;
import org.optinel.contacts.ContactErasure;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.DormantContact;
import org.optinel.contacts.ErasureProgress;
import org.optinel.contacts.ErasureReport;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;

/**
 * The retention purge (FR-09, GDPR-12): deletes the contacts kept past their retention period
 * without a consent that keeps them, and leaves its evidence in the audit log.
 *
 * <p>Due are prospects (no client-making activity) whose collection and last inbound act (any
 * activity: a reply, a click, a registration) are older than {@code optinel.retention.prospect-months},
 * and ex-clients whose last client-making activity is older than the tenant's client window plus
 * {@code optinel.retention.client-months}. A contact with a GRANTED consent state for any channel
 * and purpose is kept, and counted: it is a basis to keep the contact, not only to message it.
 * Clients are never due.
 *
 * <p>A dry run (the default of the API and the command line) counts and shows some ids, and
 * changes nothing. A run erases the due contacts with {@link ContactErasure} (reason
 * {@code RETENTION}), chunk by chunk, each chunk with its {@code CONTACT_ERASED} entry, then writes
 * one {@code RETENTION_PURGE} entry with the totals and the settings applied.
 */
@Service
public class RetentionManagement {

	/** The audit action of a purge. */
	public static final String AUDIT_ACTION = "RETENTION_PURGE";

	private final ContactManagement contacts;

	private final ContactErasure erasure;

	private final ConsentManagement consents;

	private final TenantManagement tenants;

	private final AuditLog audit;

	private final RetentionProperties properties;

	private final Clock clock;

	RetentionManagement(ContactManagement contacts, ContactErasure erasure, ConsentManagement consents,
			TenantManagement tenants, AuditLog audit, RetentionProperties properties, Clock clock) {
		this.contacts = contacts;
		this.erasure = erasure;
		this.consents = consents;
		this.tenants = tenants;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** {@link #purge(TenantId, boolean, String, ErasureProgress)} without progress. */
	public PurgeReport purge(TenantId tenantId, boolean dryRun, String actor) {
		return purge(tenantId, dryRun, actor, ErasureProgress.NONE);
	}

	/**
	 * Purges the tenant's contacts past their retention period, or counts them in a dry run.
	 * @param actor who runs it: {@code api-key}, {@code operator}, {@code scheduler}, {@code cli}
	 * @param progress told after each chunk of erased contacts
	 */
	public PurgeReport purge(TenantId tenantId, boolean dryRun, String actor, ErasureProgress progress) {
		Tenant tenant = tenants.require(tenantId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant prospectCutoff = now.atOffset(ZoneOffset.UTC).minusMonths(properties.prospectMonths()).toInstant();
		int clientMonths = tenant.clientWindowMonths() + properties.clientMonths();
		Instant clientCutoff = now.atOffset(ZoneOffset.UTC).minusMonths(clientMonths).toInstant();

		List<DormantContact> dormant = contacts.dormant(tenantId, prospectCutoff, clientCutoff);
		Set<ContactId> consented = consents.states(tenantId, dormant.stream().map(DormantContact::id).toList())
			.stream()
			.filter(s -> s.status() == ConsentStatus.GRANTED)
			.map(ConsentState::contact)
			.collect(Collectors.toSet());
		List<DormantContact> due = dormant.stream().filter(d -> !consented.contains(d.id())).toList();
		int prospects = (int) due.stream().filter(d -> d.lifecycle() == Lifecycle.PROSPECT).count();
		List<ContactId> ids = due.stream().map(DormantContact::id).toList();

		ErasureReport erased = erasure.erase(tenantId, ids, ContactErasure.RETENTION, actor, dryRun, progress);
		String purgeId = null;
		if (!dryRun) {
			purgeId = erased.erasureId();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("prospects", prospects);
			details.put("exClients", due.size() - prospects);
			details.put("keptByConsent", consented.size());
			details.put("prospectMonths", properties.prospectMonths());
			details.put("clientWindowMonths", tenant.clientWindowMonths());
			details.put("clientMonths", properties.clientMonths());
			details.put("prospectCutoff", prospectCutoff.toString());
			details.put("clientCutoff", clientCutoff.toString());
			details.put("records", erased.records());
			audit.record(tenantId, actor, AUDIT_ACTION, purgeId, erased.contacts(), details);
		}
		List<String> sample = dryRun
				? ids.stream().limit(properties.sampleSize()).map(ContactId::value).toList() : List.of();
		return new PurgeReport(purgeId, dryRun, now, properties.prospectMonths(), properties.clientMonths(),
				prospectCutoff, clientCutoff, prospects, due.size() - prospects, consented.size(), erased.contacts(),
				sample, erased.records());
	}
}
