package org.optinel.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.TenantId;

/** Where campaigns and their recipients are kept. */
public interface CampaignStore {

	void insert(Campaign campaign);

	Optional<Campaign> find(TenantId tenant, String id);

	/** Moves the campaign to {@code to} if it is in one of {@code from}; false otherwise. */
	boolean transition(TenantId tenant, String id, Set<CampaignState> from, CampaignState to, Instant at);

	/** The contacts an earlier campaign asked without a basis (FR-12: at most once). */
	Set<String> askedOnceWithoutBasis(TenantId tenant, List<String> contactIds);

	void insertRecipients(List<Recipient> recipients);

	/** How many recipients of the campaign are in each state, per class. */
	Map<String, Long> countRecipients(TenantId tenant, String campaignId);

	/** A recipient of a campaign. */
	record Recipient(TenantId tenant, String campaignId, String contactId, AskClass askClass, String channel,
			String phoneHash, String emailHash, String token, String state, Instant messagedAt) {
	}
}
