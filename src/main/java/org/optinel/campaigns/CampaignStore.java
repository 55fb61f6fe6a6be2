package org.optinel.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.core.Channel;
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

	/**
	 * The recipient a confirmation link names, whichever tenant it belongs to; empty for a token that
	 * no launch gave.
	 */
	Optional<Recipient> findByToken(String token);

	/**
	 * The recipient that an SMS from a number answers: among the recipients that may still answer
	 * ({@link RecipientState#answering()}) found by the number's hash, or by the contact holding the
	 * number when {@code contactId} is given, the one of the most recently launched RUNNING or
	 * PAUSED campaign whose deadline lies after {@code at}.
	 */
	Optional<Recipient> answeringBySms(TenantId tenant, String phoneHash, String contactId, Instant at);

	/** Locks the recipient's row until the transaction ends, so that answers to it are taken one at a time, and reads it. */
	Optional<Recipient> lock(TenantId tenant, String campaignId, String contactId);

	/** Records what a recipient answered. */
	void answered(TenantId tenant, String campaignId, String contactId, RecipientState state, Instant at,
			String answer);

	/**
	 * Marks OPTED_OUT the recipients of RUNNING and PAUSED campaigns that may still answer and were
	 * asked on a channel the opt-out covers, by their phone hash for SMS and email hash for email.
	 * @return how many
	 */
	int optedOut(TenantId tenant, String identifierHash, Channel scopeOrNullForAll, Instant at, String answer);

	/**
	 * A recipient of a campaign.
	 *
	 * @param state a {@link RecipientState} name
	 * @param answer what the last answer was, as {@code <channel>:<YES|NO|OPT_OUT>:<how>}; {@code null} before any
	 */
	record Recipient(TenantId tenant, String campaignId, String contactId, AskClass askClass, String channel,
			String phoneHash, String emailHash, String token, String state, Instant messagedAt, Instant answeredAt,
			String answer) {

		/** A recipient just asked, who has not answered. */
		public Recipient(TenantId tenant, String campaignId, String contactId, AskClass askClass, String channel,
				String phoneHash, String emailHash, String token, String state, Instant messagedAt) {
			this(tenant, campaignId, contactId, askClass, channel, phoneHash, emailHash, token, state, messagedAt, null,
					null);
		}
	}
}
