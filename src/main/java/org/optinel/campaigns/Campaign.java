package org.optinel.campaigns;

import java.time.Instant;

import org.optinel.core.TenantId;

/** A campaign as stored. */
public record Campaign(TenantId tenant, String id, CampaignDefinition definition, CampaignState state,
		Instant createdAt, Instant launchedAt, Instant closedAt) {
}
