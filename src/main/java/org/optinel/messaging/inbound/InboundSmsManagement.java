package org.optinel.messaging.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConsentState;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.consent.RecordedConsent;
import org.optinel.contacts.ActivityType;
import org.optinel.contacts.ContactId;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.Contacts;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.messaging.MessagingProperties;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.suppression.KeywordMatch;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives inbound SMS and acts on their keywords, each message in one transaction with everything
 * it causes, so that a failure leaves nothing half-written.
 *
 * <ul>
 * <li>Opt-out (KW-01, US-02): the number is suppressed on SMS at once (reason {@code SMS_STOP}, the
 * message as evidence), even when no contact holds it (FR-10); the contact holding it gets a
 * {@code WITHDRAW} event, source {@code SMS_REPLY}, for every marketing purpose it has not already
 * withdrawn or denied (GDPR-05); one confirmation is owed, and only when the number was not
 * suppressed on SMS before (US-03).</li>
 * <li>Opt-in (KW-02): only for the purposes and notices the tenant maps the word to; the number's SMS
 * suppression, if any, is lifted (the message comes from the number itself) and a {@code GRANT} is
 * recorded for each mapping with the message as evidence. A word mapped to nothing lifts nothing
 * and is kept as an interaction.</li>
 * <li>Survey answer (SEED-03): before an opt-in word or other text is read as such, each
 * {@link SurveyReplies} may take it as the answer to a question the sender was asked (a
 * re-permission campaign's OUI); an answer taken is an interaction too (FR-09). Opt-out and help
 * words are never offered: STOP stops, whoever asked what.</li>
 * <li>Help (KW-03): one reply with the sender's identity and how to stop.</li>
 * <li>Menu word: other text that a {@link SmsMenus} answers (the preference centre's {@code PREF})
 * gets that menu's reply; from a contact it counts as an interaction (FR-09), from an unknown number
 * it creates nothing.</li>
 * <li>Other text: an {@code INTERACTION} activity of the contact holding the number (FR-09).</li>
 * </ul>
 * A message whose provider id was seen before changes nothing and answers the first outcome.
 * Transactional purposes are left alone: suppression does not cover them either (RULES.md, rule 1).
 */
@Service
public class InboundSmsManagement {

	private static final int MAX_MESSAGE_ID = 200;

	private static final int MAX_TO = 32;

	private final InboundMessages messages;

	private final KeywordManagement keywords;

	private final TenantManagement tenants;

	private final Contacts contacts;

	private final ContactManagement contactManagement;

	private final ConsentManagement consents;

	private final PurposeManagement purposes;

	private final SuppressionList suppressions;

	private final IdentifierHashing hashing;

	private final PhoneNumbers phones;

	private final Ids ids;

	private final Clock clock;

	private final MessagingProperties properties;

	InboundSmsManagement(InboundMessages messages, KeywordManagement keywords, TenantManagement tenants,
			Contacts contacts, ContactManagement contactManagement, ConsentManagement consents,
			PurposeManagement purposes, SuppressionList suppressions, IdentifierHashing hashing, PhoneNumbers phones,
			Ids ids, Clock clock, MessagingProperties properties, Outbox outbox, SenderProfileManagement senders,
			ObjectProvider<SurveyReplies> surveys, ObjectProvider<SmsMenus> menus) {
		this.outbox = outbox;
		this.surveys = surveys;
		this.menus = menus;
		this.senders = senders;
		this.messages = messages;
		this.keywords = keywords;
		this.tenants = tenants;
		this.contacts = contacts;
		this.contactManagement = contactManagement;
		this.consents = consents;
		this.purposes = purposes;
		this.suppressions = suppressions;
		this.hashing = hashing;
		this.phones = phones;
		this.ids = ids;
		this.clock = clock;
		this.properties = properties;
	}

	private final Outbox outbox;

	private final SenderProfileManagement senders;

	private final ObjectProvider<SurveyReplies> surveys;

	private final ObjectProvider<SmsMenus> menus;

	/**
	 * Stores the message and does what it asks.
	 * @throws InvalidInputException when a field is missing or unacceptable; nothing is written
	 */
	@Transactional
	public InboundResult receive(TenantId tenantId, InboundSms sms) {
		Tenant tenant = tenants.require(tenantId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Checked checked = check(tenant, sms, now);
		KeywordSettings settings = keywords.settings(tenantId);
		KeywordMatch match = settings.keywords().match(checked.text);
		ContactId holder = contacts.match(tenantId, checked.from.e164(), null, null).byPhone();
		ReceivedSms received = new ReceivedSms(tenantId, checked.messageId, sms.provider(), checked.from.e164(),
				checked.to, checked.text, checked.receivedAt, now, match.kind(), match.keyword(),
				InboundOutcome.UNKNOWN_SENDER, holder == null ? null : holder.value());
		if (!messages.insert(received)) {
			ReceivedSms first = messages.find(tenantId, checked.messageId).orElseThrow();
			return new InboundResult(first, messages.replyTo(tenantId, checked.messageId).orElse(null), true);
		}
		Act act = new Act(tenant, settings, received, holder, now);
		switch (match.kind()) {
			case OPT_OUT:
				optOut(act);
				break;
			case OPT_IN:
				// A campaign's OUI answers the campaign first; the opt-in word applies when it answers none.
				if (!surveyAnswer(act)) {
					optIn(act, settings.grantsOf(match.keyword()));
				}
				break;
			case HELP:
				act.outcome = InboundOutcome.HELP;
				act.reply(ReplyKind.HELP, properties.replyWindow());
				break;
			default:
				if (!surveyAnswer(act) && !menu(act)) {
					interaction(act);
				}
		}
		ReceivedSms settled = received.settled(act.outcome, act.contact == null ? null : act.contact.value());
		messages.settle(settled);
		if (act.reply != null) {
			messages.insert(act.reply);
			SmsReply r = act.reply;
			// In the same transaction: the reply leaves once the opt-out (or the help request) is committed.
			outbox.enqueue(new NewMessage(tenantId, Channel.SMS, r.to(), settled.contactId(), null, false, Origin.REPLY,
					r.inReplyTo(), "reply:" + r.inReplyTo(), r.from(), null, null, r.text(), null, null, r.sendBefore()));
		}
		return new InboundResult(settled, act.reply, false);
	}

	/** The pending replies of a tenant, oldest first: what the outbox will deliver. */
	@Transactional(readOnly = true)
	public List<SmsReply> pendingReplies(TenantId tenant, int limit) {
		tenants.require(tenant);
		return messages.replies(tenant, SmsReply.PENDING, limit);
	}

	/** A stored inbound message and the reply it called for. */
	@Transactional(readOnly = true)
	public InboundResult find(TenantId tenant, String messageId) {
		tenants.require(tenant);
		ReceivedSms message = messages.find(tenant, messageId)
			.orElseThrow(() -> new org.optinel.core.NotFoundException("inbound message", messageId));
		return new InboundResult(message, messages.replyTo(tenant, messageId).orElse(null), false);
	}

	private void optOut(Act act) {
		ReceivedSms m = act.message;
		PhoneNumber number = new PhoneNumber(m.from());
		boolean already = suppressions.isSuppressed(m.tenant(), Channel.SMS, hashing.phone(m.tenant(), number));
		boolean added = !already && suppressions
			.addPhone(m.tenant(), number, Channel.SMS, SuppressionReason.SMS_STOP, evidence(m))
			.created();
		if (act.contact != null) {
			Set<String> closed = consents.states(m.tenant(), act.contact)
				.stream()
				.filter(s -> s.channel() == Channel.SMS
						&& (s.status() == ConsentStatus.WITHDRAWN || s.status() == ConsentStatus.DENIED))
				.map(ConsentState::purpose)
				.collect(Collectors.toSet());
			for (Purpose purpose : purposes.purposes(m.tenant())) {
				if (purpose.kind() == PurposeKind.MARKETING && !closed.contains(purpose.key())) {
					consents.record(m.tenant(), capture(act, purpose.key(), ConsentAction.WITHDRAW, null));
				}
			}
		}
		act.outcome = added ? InboundOutcome.OPTED_OUT : InboundOutcome.ALREADY_OPTED_OUT;
		if (added) {
			act.reply(ReplyKind.OPT_OUT_CONFIRMATION, properties.optOutConfirmationWindow());
		}
	}

	private void optIn(Act act, List<OptInGrant> grants) {
		if (grants.isEmpty()) {
			interaction(act);
			act.outcome = InboundOutcome.OPT_IN_NOT_CONFIGURED;
			return;
		}
		ReceivedSms m = act.message;
		PhoneNumber number = new PhoneNumber(m.from());
		// The message comes from the suppressed number itself: the only case where SMS lifts (KW-02).
		suppressions.liftAtPersonsRequest(m.tenant(), Channel.SMS, hashing.phone(m.tenant(), number), evidence(m));
		for (OptInGrant grant : grants) {
			RecordedConsent recorded = consents.record(m.tenant(), capture(act, grant.purpose(), ConsentAction.GRANT,
					grant.noticeId()));
			act.contact = recorded.event().contact();
		}
		act.outcome = InboundOutcome.OPTED_IN;
		act.reply(ReplyKind.OPT_IN_CONFIRMATION, properties.replyWindow());
	}

	/** Offers the message to the surveys; true when one took it as an answer. */
	private boolean surveyAnswer(Act act) {
		Optional<SurveyAnswer> answer = surveys.orderedStream()
			.map(s -> s.answer(act.message, act.contact))
			.filter(Optional::isPresent)
			.map(Optional::get)
			.findFirst();
		if (answer.isEmpty()) {
			return false;
		}
		act.contact = answer.get().contact();
		// An answer is an inbound act: it restarts the prospect's retention period (FR-09).
		contactManagement.addActivity(act.message.tenant(), act.contact, ActivityType.INTERACTION,
				act.message.receivedAt());
		act.outcome = InboundOutcome.SURVEY_ANSWERED;
		return true;
	}

	/** Offers the message to the menus; true when one answered it with a reply. */
	private boolean menu(Act act) {
		String sender = act.sender();
		Optional<MenuReply> answer = menus.orderedStream()
			.map(m -> m.answer(act.message, act.contact, sender))
			.filter(Optional::isPresent)
			.map(Optional::get)
			.findFirst();
		if (answer.isEmpty()) {
			return false;
		}
		if (answer.get().contact() != null) {
			act.contact = answer.get().contact();
			// Asking for the menu is an inbound act: it restarts the prospect's retention period (FR-09).
			contactManagement.addActivity(act.message.tenant(), act.contact, ActivityType.INTERACTION,
					act.message.receivedAt());
			act.outcome = InboundOutcome.MENU_ANSWERED;
		}
		else {
			act.outcome = InboundOutcome.UNKNOWN_SENDER;
		}
		act.reply(ReplyKind.MENU, answer.get().text(), properties.replyWindow());
		return true;
	}

	private void interaction(Act act) {
		if (act.contact == null) {
			act.outcome = InboundOutcome.UNKNOWN_SENDER;
			return;
		}
		// A reply is an inbound act: it restarts the prospect's retention period (FR-09).
		contactManagement.addActivity(act.message.tenant(), act.contact, ActivityType.INTERACTION,
				act.message.receivedAt());
		act.outcome = InboundOutcome.INTERACTION;
	}

	private static ConsentCapture capture(Act act, String purpose, ConsentAction action, String noticeId) {
		ReceivedSms m = act.message;
		EvidenceFields evidence = new EvidenceFields(null, null, null, null, m.messageId(), m.from(), m.text(), null,
				null, null, null, null, null);
		return new ConsentCapture(act.contact == null ? null : act.contact.value(),
				act.contact == null ? m.from() : null, null, List.of(Channel.SMS), List.of(purpose), action,
				ConsentSource.SMS_REPLY, noticeId, m.receivedAt(), evidence);
	}

	private static Map<String, Object> evidence(ReceivedSms m) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("source", "SMS_REPLY");
		evidence.put("messageId", m.messageId());
		evidence.put("provider", m.provider().name());
		evidence.put("to", m.to());
		evidence.put("keyword", m.keyword());
		evidence.put("receivedAt", m.receivedAt().toString());
		return evidence;
	}

	private Checked check(Tenant tenant, InboundSms sms, Instant now) {
		List<FieldViolation> violations = new ArrayList<>();
		PhoneNumber from = null;
		if (blank(sms.from())) {
			violations.add(new FieldViolation("from", "is required: the sender's number, such as +33612345678"));
		}
		else if (sms.from().length() > 40) {
			violations.add(new FieldViolation("from", "is not a phone number (" + sms.from().length() + " characters)"));
		}
		else {
			try {
				from = phones.parse(sms.from(), tenant.defaultRegion(), "from");
			}
			catch (InvalidInputException e) {
				violations.addAll(e.violations());
			}
		}
		String to = sms.to() == null ? null : sms.to().strip();
		if (blank(to)) {
			violations.add(new FieldViolation("to", "is required: the number or short code the message was sent to"));
		}
		else if (to.length() > MAX_TO || !printable(to)) {
			violations.add(new FieldViolation("to", "must be a number or short code of at most " + MAX_TO
					+ " printable characters"));
		}
		String messageId = sms.messageId() == null ? null : sms.messageId().strip();
		if (blank(messageId)) {
			violations.add(new FieldViolation("messageId", "is required: the provider's id of the message, which makes "
					+ "a second delivery harmless"));
		}
		else if (messageId.length() > MAX_MESSAGE_ID || !messageId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			violations.add(new FieldViolation("messageId", "must be printable ASCII without spaces, at most "
					+ MAX_MESSAGE_ID + " characters"));
		}
		String text = sms.text();
		if (text == null) {
			violations.add(new FieldViolation("text", "is required (it may be empty)"));
		}
		else if (text.length() > properties.maxInboundText()) {
			violations.add(new FieldViolation("text", "is " + text.length() + " characters long; an SMS holds at most "
					+ properties.maxInboundText()));
		}
		else {
			String broken = brokenText(text);
			if (broken != null) {
				violations.add(new FieldViolation("text", broken));
			}
		}
		Instant receivedAt = sms.receivedAt() == null ? now : sms.receivedAt().truncatedTo(ChronoUnit.MILLIS);
		if (receivedAt.isAfter(now.plus(properties.maxClockSkew()))) {
			violations.add(new FieldViolation("receivedAt", "lies in the future (" + receivedAt + ")"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new Checked(from, to, text, receivedAt, messageId);
	}

	/** Why the text cannot be stored as it is, or {@code null}: half a surrogate pair, NUL and other controls. */
	private static String brokenText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "holds half of a UTF-16 surrogate pair at position " + i + "; send the text as valid Unicode";
			}
			else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				return "holds the control character U+" + String.format("%04X", (int) c) + " at position " + i;
			}
		}
		return null;
	}

	private static boolean printable(String value) {
		return value.chars().noneMatch(Character::isISOControl);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** The fields of a message once checked. */
	private record Checked(PhoneNumber from, String to, String text, Instant receivedAt, String messageId) {
	}

	/** What one message is doing, as it goes. */
	private final class Act {

		final Tenant tenant;

		final KeywordSettings settings;

		final ReceivedSms message;

		final Instant now;

		ContactId contact;

		InboundOutcome outcome;

		SmsReply reply;

		Act(Tenant tenant, KeywordSettings settings, ReceivedSms message, ContactId contact, Instant now) {
			this.tenant = tenant;
			this.settings = settings;
			this.message = message;
			this.contact = contact;
			this.now = now;
		}

		void reply(ReplyKind kind, java.time.Duration window) {
			reply(kind, ReplyTexts.of(kind, sender(), tenant.jurisdiction()), window);
		}

		void reply(ReplyKind kind, String text, java.time.Duration window) {
			// US-03 counts from the opt-out itself; a late delivery shortens what remains, never extends it.
			Instant from = message.receivedAt().isBefore(now) ? message.receivedAt() : now;
			reply = new SmsReply(tenant.id(), ids.next(), message.from(), message.to(), kind, text,
					message.messageId(), now, from.plus(window), SmsReply.PENDING);
		}

		String sender() {
			return settings.senderName() == null ? senders.profile(tenant.id()).brand() : settings.senderName();
		}
	}
}
