package org.optinel.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a retention purge did, or would do in a dry run (FR-09, GDPR-12).
 *
 * @param purgeId names the purge's audit entries ({@code RETENTION_PURGE}, and {@code CONTACT_ERASED}
 *        for its contacts); {@code null} for a dry run, which writes nothing
 * @param prospectCutoff prospects collected and last active before this are due
 * @param clientCutoff ex-clients whose last client-making activity is before this are due
 * @param prospects due prospects
 * @param exClients due ex-clients
 * @param keptByConsent contacts past their period that a granted consent keeps
 * @param contacts contacts erased, or that would be
 * @param sample some of the ids that would be erased (a dry run only)
 * @param records rows deleted, or that would be, by kind (see {@link org.optinel.contacts.ErasureReport#records()})
 */
public record PurgeReport(String purgeId, boolean dryRun, Instant at, int prospectMonths, int clientMonths,
		Instant prospectCutoff, Instant clientCutoff, int prospects, int exClients, int keptByConsent, int contacts,
		List<String> sample, Map<String, Long> records) {

	public PurgeReport {
		sample = List.copyOf(sample);
		records = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(records));
	}
}
