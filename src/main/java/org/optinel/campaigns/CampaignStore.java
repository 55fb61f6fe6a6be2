package org.optinel.campaigns;

import java.time.Instant;
import java.util.Collection;
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

	/** How many recipient rows, of any campaign, these contacts have. */
	long countOfContacts(TenantId tenant, List<String> contactIds);

	/** An erased contact's recipient rows lose their hashes and token; one still waiting becomes REMOVED. */
	void forget(TenantId tenant, String contactId);

	/** The contacts of the campaign's recipients in a state. */
	List<String> contactsIn(TenantId tenant, String campaignId, String state);

	/** Answers per day (UTC) and state: {@code [day, state, count]}. */
	List<DayCount> answersByDay(TenantId tenant, String campaignId);

	/** How many answers of a state came on one day. */
	record DayCount(String day, String state, long count) {
	}

	/** A recipient of a campaign. */

	/**
	 * The recipient a confirmation link names, whichever tenant it belongs to; empty for a token that
	 * no launch gave.
	 */
	Optional<Recipient> findByToken(String token);

	/**
	 * The recipient that an SMS from a number answers: among the recipients of the contact holding
	 * the number that may still answer ({@link RecipientState#answering()}), the one of the most
	 * recently launched RUNNING or PAUSED campaign whose deadline lies after {@code at}.
	 */
	Optional<Recipient> answeringBySms(TenantId tenant, String contactId, Instant at);

	/** The contact's recipients that may still answer: of RUNNING or PAUSED campaigns before their deadline, not opted out. */
	List<Recipient> answeringByContact(TenantId tenant, String contactId, Instant at);

	/** Locks the recipient's row until the transaction ends, so that answers to it are taken one at a time, and reads it. */
	Optional<Recipient> lock(TenantId tenant, String campaignId, String contactId);

	/** Records what a recipient answered. */
	void answered(TenantId tenant, String campaignId, String contactId, RecipientState state, Instant at,
			String answer);

	/**
	 * Marks OPTED_OUT the recipients of RUNNING and PAUSED campaigns that may still answer and were
	 * asked on a channel the opt-out covers: on SMS, those of the contacts holding the suppressed
	 * number; on email, those whose email hash is the suppressed one.
	 * @param phoneHolders the contacts whose phone has {@code identifierHash}
	 * @return how many
	 */
	int optedOut(TenantId tenant, String identifierHash, Collection<String> phoneHolders, Channel scopeOrNullForAll,
			Instant at, String answer);

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
