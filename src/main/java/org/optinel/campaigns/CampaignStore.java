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

	/** The tenant's RUNNING and PAUSED campaigns. */
	List<Campaign> active(TenantId tenant);

	/** The reminder steps already queued ({@code r7}, {@code r1}). */
	Set<String> stepsDone(TenantId tenant, String campaignId);

	void stepDone(TenantId tenant, String campaignId, String step);

	/**
	 * Recipients still waiting for an answer (MESSAGED), asked on {@code channel} (any when null)
	 * before {@code before}, not yet followed up when {@code notFollowedUp}; at most {@code limit}, after {@code afterContact}.
	 */
	List<Recipient> waiting(TenantId tenant, String campaignId, String channel, Instant before, boolean notFollowedUp,
			String afterContact, int limit);

	void followedUp(TenantId tenant, String campaignId, List<String> contactIds);

	/** Moves recipients from one state to another; answers how many moved. */
	int mark(TenantId tenant, String campaignId, List<String> contactIds, String from, String to, Instant at);

	/** Marks NO_ANSWER recipients REMOVED and forgets their hashes and token: nothing left to match. */
	void removed(TenantId tenant, String campaignId, List<String> contactIds, Instant at);

	/** The contacts of the campaign's recipients in a state. */
	List<String> contactsIn(TenantId tenant, String campaignId, String state);

	/** Answers per day (UTC) and state: {@code [day, state, count]}. */
	List<DayCount> answersByDay(TenantId tenant, String campaignId);

	/** How many answers of a state came on one day. */
	record DayCount(String day, String state, long count) {
	}

	/** A recipient of a campaign. */
	record Recipient(TenantId tenant, String campaignId, String contactId, AskClass askClass, String channel,
			String phoneHash, String emailHash, String token, String state, Instant messagedAt) {
	}
}
