package org.optinel.campaigns;

import java.util.Map;
import java.util.Objects;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * What a campaign's confirmation link ({@code /c/<token>}) names: one recipient of one campaign,
 * the question it was asked, and whether it may still answer.
 *
 * @param channel the channel the recipient was asked on, which an answer through the link is for
 * @param questions the campaign's question per language
 * @param language the language the recipient was asked in
 * @param brand the sender's name, for the page
 * @param state where the recipient stands
 */
public record Invitation(TenantId tenant, String campaignId, String contactId, String token, Channel channel,
		Map<String, String> questions, String language, String brand, Standing standing, RecipientState state) {

	public Invitation {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(campaignId, "campaignId");
		Objects.requireNonNull(contactId, "contactId");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(channel, "channel");
		questions = Map.copyOf(questions);
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(brand, "brand");
		Objects.requireNonNull(standing, "standing");
		Objects.requireNonNull(state, "state");
	}

	/** Whether an answer may be given through the link, now. */
	public enum Standing {
		/** The campaign runs (or is paused) and its deadline lies ahead: answers count. */
		OPEN,
		/** The campaign is closed or its deadline has passed. */
		CAMPAIGN_OVER,
		/** The recipient opted out, or was handed to the deadline's outcome: nothing is asked of it any more. */
		NO_LONGER_ASKED
	}

	/** The question in {@code wanted} when the campaign asks in it, else in the recipient's language. */
	public String question(String wanted) {
		return questions.getOrDefault(wanted, questions.get(language));
	}
}
