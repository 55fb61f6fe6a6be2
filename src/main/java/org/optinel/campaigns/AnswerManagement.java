package org.optinel.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConsentState;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.EvidenceFields;
import org.optinel.contacts.ActivityType;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.Contacts;
import org.optinel.core.Channel;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.eligibility.EligibilityManagement;
import org.optinel.messaging.inbound.ReceivedSms;
import org.optinel.messaging.inbound.SurveyAnswer;
import org.optinel.messaging.inbound.SurveyReplies;
import org.optinel.messaging.outbox.OutboxMessage;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.suppression.KeywordNormaliser;
import org.optinel.preferences.PreferencesSaved;
import org.optinel.suppression.SuppressionAdded;
import org.optinel.suppression.SuppressionList;
import org.optinel.tenancy.IdentifierHashing;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answers to re-permission campaigns (SEED-03): every answer is a consent event per asked
 * purpose, against the campaign's question published as that purpose's notice, with its evidence
 * (GDPR-02, GDPR-04).
 * <ul>
 * <li>By SMS: a reply that is one of the campaign's yes words, from a number the campaign asked
 * (or held by a contact it asked), records a {@code GRANT} on SMS, source {@code SMS_REPLY}, in the
 * notice of the contact's language; one of its no words records a {@code DENY} the same way. Only
 * RUNNING and PAUSED campaigns before their deadline answer; when several asked the number, the most
 * recently launched does. Opt-out and help words never get here (messaging keeps them), and a number
 * suppressed on SMS is left to the opt-in word, the only thing that may lift its suppression (KW-02);
 * a no from it is still recorded. Any other text is no answer.</li>
 * <li>By the confirmation link: {@code yes} records a {@code GRANT}, {@code no} a {@code DENY}, on
 * the channel the recipient was asked on, source {@code EMAIL_CLICK}, with the link's token, the
 * message it came in, IP and user agent. The same answer again changes nothing; another answer
 * later is a new event, the latest wins.</li>
 * <li>An opt-out that covers the channel a recipient was asked on (STOP, unsubscribe) ends what
 * is asked of it: OPTED_OUT.</li>
 * </ul>
 */
@Service
public class AnswerManagement implements SurveyReplies {

	/** What a launch puts in links ({@link RecipientTokens}), and what launches before it put: 22 base64url characters. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final int MAX_USER_AGENT = 500;

	private final CampaignStore store;

	private final ConsentManagement consents;

	private final Contacts contacts;

	private final ContactManagement contactManagement;

	private final SuppressionList suppressions;

	private final IdentifierHashing hashing;

	private final Outbox outbox;

	private final SenderProfileManagement senders;

	private final EligibilityManagement eligibility;

	private final Clock clock;

	AnswerManagement(CampaignStore store, ConsentManagement consents, Contacts contacts,
			ContactManagement contactManagement, SuppressionList suppressions, IdentifierHashing hashing, Outbox outbox,
			SenderProfileManagement senders, EligibilityManagement eligibility, Clock clock) {
		this.store = store;
		this.consents = consents;
		this.contacts = contacts;
		this.contactManagement = contactManagement;
		this.suppressions = suppressions;
		this.hashing = hashing;
		this.outbox = outbox;
		this.senders = senders;
		this.eligibility = eligibility;
		this.clock = clock;
	}

	/**
	 * Takes an SMS as the answer to the campaign that asked its sender, when it is one of the
	 * campaign's yes or no words; records a grant (or a refusal) on SMS per asked purpose and the
	 * recipient CONFIRMED (or DECLINED).
	 */
	@Override
	@Transactional
	public Optional<SurveyAnswer> answer(ReceivedSms sms, ContactId holder) {
		if (holder == null) {
			return Optional.empty();
		}
		TenantId tenant = sms.tenant();
		String phoneHash = hashing.phone(tenant, new PhoneNumber(sms.from()));
		Optional<CampaignStore.Recipient> asked = store.answeringBySms(tenant, holder.value(), sms.receivedAt());
		if (asked.isEmpty()) {
			return Optional.empty();
		}
		CampaignStore.Recipient r = asked.get();
		CampaignDefinition d = store.find(tenant, r.campaignId()).orElseThrow().definition();
		String word = KeywordNormaliser.normalise(sms.text());
		boolean yes = !word.isEmpty() && d.yesWords().stream().map(KeywordNormaliser::normalise).anyMatch(word::equals);
		List<String> noWords = d.noWords() == null ? CampaignManagement.DEFAULT_NO : d.noWords();
		boolean no = !yes && !word.isEmpty() && noWords.stream().map(KeywordNormaliser::normalise).anyMatch(word::equals);
		if (!yes && !no) {
			return Optional.empty();
		}
		// Only the opt-in word may lift an SMS suppression, and only as the tenant configured it (KW-02).
		if (yes && suppressions.isSuppressed(tenant, Channel.SMS, phoneHash)) {
			return Optional.empty();
		}
		Optional<Contact> contact = contact(tenant, r.contactId());
		if (contact.isEmpty() || store.lock(tenant, r.campaignId(), r.contactId()).isEmpty()) {
			return Optional.empty();
		}
		String language = CampaignManagement.languageOf(contact.get(), d);
		EvidenceFields evidence = new EvidenceFields(null, null, null, null, sms.messageId(), sms.from(), sms.text(),
				null, null, null, null, null, null);
		for (String purpose : d.purposes()) {
			consents.record(tenant, new ConsentCapture(r.contactId(), null, null, List.of(Channel.SMS),
					List.of(purpose), yes ? ConsentAction.GRANT : ConsentAction.DENY, ConsentSource.SMS_REPLY,
					notice(d, purpose, language), sms.receivedAt(), evidence));
		}
		store.answered(tenant, r.campaignId(), r.contactId(), yes ? RecipientState.CONFIRMED : RecipientState.DECLINED,
				now(), Channel.SMS + (yes ? ":YES:" : ":NO:") + word);
		return Optional.of(new SurveyAnswer(r.campaignId(), contact.get().id()));
	}

	/** What a confirmation link names; empty for a token no launch gave, or whose contact is gone. Writes nothing. */
	@Transactional(readOnly = true)
	public Optional<Invitation> invitation(String token) {
		return find(token).map(Found::invitation);
	}

	/**
	 * Answers through a confirmation link: {@code yes} records a grant, otherwise a refusal, for every
	 * asked purpose on the channel the recipient was asked on, and the recipient CONFIRMED or
	 * DECLINED. Nothing is written for an unknown token, a campaign that is over, a recipient no
	 * longer asked, or an answer that already holds.
	 * @param language the language the question was shown in; the recipient's when the campaign does not ask in it
	 * @param ip the address the answer came from
	 * @param userAgent the browser's user agent, if it sent one
	 */
	@Transactional
	public LinkAnswer answerByLink(String token, boolean yes, String language, String ip, String userAgent) {
		Optional<Found> found = find(token);
		if (found.isEmpty()) {
			return new LinkAnswer(LinkAnswer.Result.UNKNOWN_LINK, null);
		}
		Invitation invitation = found.get().invitation();
		if (invitation.standing() != Invitation.Standing.OPEN) {
			return new LinkAnswer(LinkAnswer.Result.NOT_OPEN, invitation);
		}
		TenantId tenant = invitation.tenant();
		// Two clicks at once are taken one after the other: the second sees the first.
		CampaignStore.Recipient r = store.lock(tenant, invitation.campaignId(), invitation.contactId()).orElseThrow();
		CampaignDefinition d = found.get().campaign().definition();
		RecipientState target = yes ? RecipientState.CONFIRMED : RecipientState.DECLINED;
		ContactId contact = ContactId.parse(r.contactId()).orElseThrow();
		Channel channel = invitation.channel();
		if (RecipientState.valueOf(r.state()) == target && holds(tenant, contact, channel, d.purposes(), yes)) {
			return new LinkAnswer(LinkAnswer.Result.ALREADY_RECORDED, invitation);
		}
		String shown = language != null && d.questions().containsKey(language) ? language : invitation.language();
		OutboxMessage message = outbox.findByDedupeKey(tenant, CampaignManagement.dedupeKey(r.campaignId(),
				r.contactId(), 1))
			.orElseThrow(() -> new IllegalStateException("campaign " + r.campaignId() + " has no message for contact "
					+ r.contactId() + ", yet its link " + token.substring(0, 4) + "... was given"));
		Instant now = now();
		EvidenceFields evidence = new EvidenceFields(null, ip, userAgent == null ? null
				: userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT)), null, message.id(), null, null,
				token, null, null, null, null, null);
		for (String purpose : d.purposes()) {
			consents.record(tenant, new ConsentCapture(r.contactId(), null, null, List.of(channel), List.of(purpose),
					yes ? ConsentAction.GRANT : ConsentAction.DENY, ConsentSource.EMAIL_CLICK,
					notice(d, purpose, shown), now, evidence));
		}
		// A click is an inbound act: it restarts the prospect's retention period (FR-09).
		contactManagement.addActivity(tenant, contact, ActivityType.INTERACTION, now);
		store.answered(tenant, r.campaignId(), r.contactId(), target, now,
				channel + (yes ? ":YES" : ":NO") + ":LINK");
		return new LinkAnswer(LinkAnswer.Result.RECORDED, find(token).orElseThrow().invitation());
	}

	/**
	 * An opt-out on the channel a recipient was asked on ends what the campaign asks of it: the
	 * recipient becomes OPTED_OUT, in the transaction that added the suppression.
	 */
	@EventListener
	void on(SuppressionAdded e) {
		// Most suppressions (an opt-out list brought in, entry by entry) come while no campaign asks anyone:
		// then there is no recipient to find, and no holder of the number to look up.
		if (store.active(e.tenant()).isEmpty()) {
			return;
		}
		String channel = e.scopeOrNullForAll() == null ? "ALL" : e.scopeOrNullForAll().name();
		List<String> phoneHolders = e.scopeOrNullForAll() == Channel.EMAIL ? List.of()
				: eligibility.contactsWithPhoneHash(e.tenant(), e.identifierHash());
		store.optedOut(e.tenant(), e.identifierHash(), phoneHolders, e.scopeOrNullForAll(), e.at(),
				channel + ":OPT_OUT:" + e.reason());
	}

	/**
	 * Choices saved in the preference centre answer the campaigns that asked the person (SEED-03): when
	 * the save touched an asked purpose on the channel the recipient was asked on, every asked purpose
	 * granted there makes the recipient CONFIRMED, and any of them withdrawn or refused DECLINED. The
	 * consent events are the preference centre's own; nothing else is recorded.
	 */
	@EventListener
	void on(PreferencesSaved e) {
		for (CampaignStore.Recipient r : store.answeringByContact(e.tenant(), e.contact().value(), e.at())) {
			Channel channel = Channel.valueOf(r.channel());
			CampaignDefinition d = store.find(e.tenant(), r.campaignId()).orElseThrow().definition();
			boolean touched = e.changes().stream().anyMatch(c -> c.channel() == channel
					&& (c.purpose() == null || d.purposes().contains(c.purpose())));
			if (!touched || store.lock(e.tenant(), r.campaignId(), r.contactId()).isEmpty()) {
				continue;
			}
			RecipientState answer = holds(e.tenant(), e.contact(), channel, d.purposes(), true) ? RecipientState.CONFIRMED
					: anyRefused(e.tenant(), e.contact(), channel, d.purposes()) ? RecipientState.DECLINED : null;
			if (answer != null && !answer.name().equals(r.state())) {
				store.answered(e.tenant(), r.campaignId(), r.contactId(), answer, e.at(),
						channel + (answer == RecipientState.CONFIRMED ? ":YES" : ":NO") + ":PREFERENCES");
			}
		}
	}

	/** Whether any asked purpose stands refused or withdrawn on the channel. */
	private boolean anyRefused(TenantId tenant, ContactId contact, Channel channel, List<String> purposes) {
		return consents.states(tenant, contact)
			.stream()
			.anyMatch(s -> s.channel() == channel && purposes.contains(s.purpose())
					&& (s.status() == ConsentStatus.DENIED || s.status() == ConsentStatus.WITHDRAWN));
	}

	/** Whether every asked purpose already stands as this answer on the channel: granted, or refused or withdrawn. */
	private boolean holds(TenantId tenant, ContactId contact, Channel channel, List<String> purposes, boolean yes) {
		Map<String, ConsentState> states = consents.states(tenant, contact)
			.stream()
			.filter(s -> s.channel() == channel)
			.collect(Collectors.toMap(ConsentState::purpose, s -> s));
		Set<ConsentStatus> same = yes ? Set.of(ConsentStatus.GRANTED, ConsentStatus.PENDING)
				: Set.of(ConsentStatus.DENIED, ConsentStatus.WITHDRAWN);
		return purposes.stream().allMatch(p -> {
			ConsentState s = states.get(p);
			return s != null && same.contains(s.status()) && !s.stale();
		});
	}

	/** A link's recipient with its campaign, and what it shows. */
	private record Found(Campaign campaign, Invitation invitation) {
	}

	private Optional<Found> find(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		Optional<CampaignStore.Recipient> recipient = store.findByToken(token);
		if (recipient.isEmpty()) {
			return Optional.empty();
		}
		CampaignStore.Recipient r = recipient.get();
		Optional<Campaign> campaign = store.find(r.tenant(), r.campaignId());
		Optional<Contact> contact = contact(r.tenant(), r.contactId());
		if (campaign.isEmpty() || contact.isEmpty()) {
			return Optional.empty();
		}
		Campaign c = campaign.get();
		RecipientState state = RecipientState.valueOf(r.state());
		boolean running = c.state() == CampaignState.RUNNING || c.state() == CampaignState.PAUSED;
		Invitation.Standing standing = !running || !now().isBefore(c.definition().deadline())
				? Invitation.Standing.CAMPAIGN_OVER
				: RecipientState.answering().contains(state) ? Invitation.Standing.OPEN
						: Invitation.Standing.NO_LONGER_ASKED;
		return Optional.of(new Found(c, new Invitation(r.tenant(), c.id(), r.contactId(), r.token(),
				Channel.valueOf(r.channel()), c.definition().questions(),
				CampaignManagement.languageOf(contact.get(), c.definition()), senders.profile(r.tenant()).brand(),
				standing, state)));
	}

	private Optional<Contact> contact(TenantId tenant, String contactId) {
		return ContactId.parse(contactId).flatMap(id -> contacts.find(tenant, id));
	}

	/** The campaign's notice for the purpose in the language, else in its default language (GDPR-02). */
	private static String notice(CampaignDefinition d, String purpose, String language) {
		Map<String, String> byLanguage = d.noticeIds().get(purpose);
		String notice = byLanguage.get(language);
		return notice != null ? notice : byLanguage.get(CampaignManagement.defaultLanguage(d));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}
}
