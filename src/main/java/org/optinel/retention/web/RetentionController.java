package org.optinel.retention.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.TenantId;
import org.optinel.retention.PurgeReport;
import org.optinel.retention.RetentionManagement;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The retention purge over the API: a dry run unless asked otherwise. */
@RestController
@Tag(name = "Retention", description = "The purge of contacts kept past their retention period, and data subject requests")
class RetentionController {

	private final RetentionManagement retention;

	RetentionController(RetentionManagement retention) {
		this.retention = retention;
	}

	@PostMapping("/api/v1/retention/purge")
	@Operation(summary = "Preview (dryRun=true, the default) or run (dryRun=false) the retention purge (FR-09, GDPR-12)",
			description = "Due: prospects without a GRANTED consent whose collection and last inbound act (any "
					+ "activity) are older than optinel.retention.prospect-months (36), and ex-clients without one whose "
					+ "last client-making activity is older than the tenant's client window plus "
					+ "optinel.retention.client-months (36). A dry run answers the counts, the rows that would go and "
					+ "some of the ids, and changes nothing. A run erases them as DELETE /api/v1/contacts/{id} does "
					+ "(suppressions and the consent ledger kept) and writes a RETENTION_PURGE entry to the audit log.")
	PurgeResponse purge(TenantId tenant,
			@Parameter(description = "true (default): count only; false: erase") @RequestParam(defaultValue = "true") boolean dryRun) {
		return PurgeResponse.of(retention.purge(tenant, dryRun, "api-key"));
	}

	/** A purge report as the API shows it. */
	record PurgeResponse(String purgeId, boolean dryRun, Instant at, int prospectMonths, int clientMonths,
			Instant prospectCutoff, Instant clientCutoff, int prospects, int exClients, int keptByConsent, int contacts,
			List<String> sample, Map<String, Long> records) {

		static PurgeResponse of(PurgeReport r) {
			return new PurgeResponse(r.purgeId(), r.dryRun(), r.at(), r.prospectMonths(), r.clientMonths(),
					r.prospectCutoff(), r.clientCutoff(), r.prospects(), r.exClients(), r.keptByConsent(), r.contacts(),
					r.sample(), r.records());
		}
	}
}
