package org.optinel.contacts;

import java.util.Map;
import java.util.Objects;

/**
 * What an erasure did, or would do in a dry run.
 *
 * @param erasureId names the erasure's audit entries ({@code CONTACT_ERASED}); a dry run writes none
 * @param dryRun nothing was changed; the counts say what would be deleted
 * @param reason why: {@code REQUEST} (art. 17), {@code RETENTION} (FR-09), ...
 * @param requested distinct contact ids asked for
 * @param contacts contacts erased (or that would be)
 * @param notFound ids asked for that name no contact of the tenant
 * @param records rows deleted (or that would be) by kind: {@code contacts}, {@code activities},
 *        then each holder's kinds ({@code consentEvidence}, {@code inboundSms}, {@code outboxMessages}...)
 */
public record ErasureReport(String erasureId, boolean dryRun, String reason, int requested, int contacts, int notFound,
		Map<String, Long> records) {

	public ErasureReport {
		Objects.requireNonNull(erasureId, "erasureId");
		Objects.requireNonNull(reason, "reason");
		records = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(records));
	}
}
