package org.optinel.preferences;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConsentState;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.consent.RecordedConsent;
import org.optinel.contacts.Contact;
import org.optinel.contacts.ContactManagement;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.suppression.Suppression;
import org.optinel.suppression.SuppressionList;
import org.optinel.suppression.SuppressionReason;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.TenantManagement;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the preference centre shows and what a person's answers in it do, for a link that
 * {@link PreferenceLinks#check} found valid; the caller checks it.
 *
 * <p>A save compares each box with the answer that holds now: a box ticked that was not ticked is
 * one {@code GRANT}, a box unticked that was ticked is one {@code WITHDRAW}, both from the
 * preference centre with the IP, user agent, the link's issue time, the checkbox state and the
 * notice as evidence (GDPR-02, GDPR-04, GDPR-05); an unchanged box writes nothing. A box ticked on a
 * channel the person stopped also lifts that channel's suppression of their identifier, and
 * nothing else: this, and an opt-in word from the suppressed number itself, are the only ways off
 * the list (KW-02). Stopping everything puts each identifier on the list for its channel
 * (GDPR-07) and withdraws every grant. Each call is one transaction: it writes all of it or nothing.
 */
@Service
public class PreferenceCentre {

	private static final int MAX_USER_AGENT = 500;

	private final ContactManagement contacts;

	private final PurposeManagement purposes;

	private final ConsentManagement consents;

	private final SuppressionList suppressions;

	private final IdentifierHashing hashing;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PreferenceCentre(ContactManagement contacts, PurposeManagement purposes, ConsentManagement consents,
			SuppressionList suppressions, IdentifierHashing hashing, TenantManagement tenants,
			ApplicationEventPublisher events, Clock clock) {
		this.contacts = contacts;
		this.purposes = purposes;
		this.consents = consents;
		this.suppressions = suppressions;
		this.hashing = hashing;
		this.tenants = tenants;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The page of the link's contact in {@code language} ({@code fr} or {@code en}). Not in a
	 * read-only transaction: the tenant's hashing secret is made on first use.
	 */
	public PreferencePage page(PreferenceLink link, String language) {
		Contact contact = contacts.get(link.tenant(), link.contact()).contact();
		Map<String, ConsentStatus> states = new HashMap<>();
		for (ConsentState s : consents.states(link.tenant(), link.contact())) {
			states.put(PreferencePage.Choice.key(s.channel(), s.purpose()), s.status());
		}
		List<PreferencePage.Choice> choices = new ArrayList<>();
		for (Purpose purpose : purposes.purposes(link.tenant())) {
			if (purpose.kind() != PurposeKind.MARKETING) {
				// Strictly transactional messages need no consent, so there is nothing to choose.
				continue;
			}
			Notice notice = notice(purposes.notices(link.tenant(), purpose.key()), language).orElse(null);
			for (Channel channel : channels(contact)) {
				choices.add(new PreferencePage.Choice(channel, purpose,
						states.get(PreferencePage.Choice.key(channel, purpose.key())), suppressed(contact, channel),
						notice));
			}
		}
		return new PreferencePage(link, tenants.require(link.tenant()).name(), language, choices);
	}

	/**
	 * Records the changes between the boxes as they stand and as the person sent them.
	 * @throws InvalidInputException when the form names a box the page does not show; nothing is written
	 * @throws org.optinel.consent.ConsentRefusedException when a grant cannot be proven (no user agent); nothing is written
	 */
	@Transactional
	public List<PreferenceChange> save(PreferenceLink link, PreferenceForm form) {
		PreferencePage page = page(link, PreferencePage.LANGUAGES.get(0));
		Map<String, PreferencePage.Choice> byKey = new LinkedHashMap<>();
		page.choices().stream().filter(PreferencePage.Choice::choosable).forEach(c -> byKey.put(c.key(), c));
		List<FieldViolation> unknown = new ArrayList<>();
		form.ticked().stream().sorted().filter(k -> !byKey.containsKey(k))
			.forEach(k -> unknown.add(new FieldViolation(k, "is not a choice on this page")));
		if (!unknown.isEmpty()) {
			throw new InvalidInputException(unknown);
		}
		Contact contact = contacts.get(link.tenant(), link.contact()).contact();
		List<PreferenceChange> changes = new ArrayList<>();
		Set<Channel> resumed = EnumSet.noneOf(Channel.class);
		for (PreferencePage.Choice choice : byKey.values()) {
			boolean ticked = form.ticked().contains(choice.key());
			if (ticked == choice.ticked()) {
				continue;
			}
			ConsentAction action = ticked ? ConsentAction.GRANT : ConsentAction.WITHDRAW;
			RecordedConsent recorded = consents.record(link.tenant(), new ConsentCapture(link.contact().value(), null,
					null, List.of(choice.channel()), List.of(choice.purpose().key()), action,
					ConsentSource.PREFERENCE_CENTRE, choice.notice() == null ? null : choice.notice().id(), null,
					evidence(link, form.ip(), form.userAgent(),
					new EvidenceFields.Checkbox(choice.ticked(), true))));
			changes.add(new PreferenceChange(ticked ? PreferenceChange.Kind.GRANTED : PreferenceChange.Kind.WITHDRAWN,
					choice.channel(), choice.purpose().key()));
			if (ticked && choice.suppressed() && resumed.add(choice.channel())) {
				resume(link, contact, choice, recorded.event().id());
				changes.add(new PreferenceChange(PreferenceChange.Kind.RESUMED, choice.channel(), null));
			}
		}
		if (!changes.isEmpty()) {
			events.publishEvent(new PreferencesSaved(link.tenant(), link.contact(), changes, clock.instant()));
		}
		return changes;
	}

	/**
	 * Stops everything at the person's request: each of their identifiers on the suppression list for
	 * its channel (GDPR-07) and every grant, proven or not, pending or not, withdrawn (GDPR-05).
	 */
	@Transactional
	public List<PreferenceChange> stopEverything(PreferenceLink link, String ip, String userAgent) {
		Contact contact = contacts.get(link.tenant(), link.contact()).contact();
		List<PreferenceChange> changes = new ArrayList<>();
		Map<String, Object> evidence = suppressionEvidence(link);
		evidence.put("choice", "stop everything");
		if (contact.phone() != null && suppressions.addPhone(link.tenant(), contact.phone(), Channel.SMS,
				SuppressionReason.PREFERENCE_CENTRE, evidence).created()) {
			changes.add(new PreferenceChange(PreferenceChange.Kind.STOPPED, Channel.SMS, null));
		}
		if (contact.email() != null && suppressions.addEmail(link.tenant(), contact.email(), Channel.EMAIL,
				SuppressionReason.PREFERENCE_CENTRE, evidence).created()) {
			changes.add(new PreferenceChange(PreferenceChange.Kind.STOPPED, Channel.EMAIL, null));
		}
		List<ConsentState> grants = new ArrayList<>(consents.states(link.tenant(), link.contact()));
		grants.removeIf(s -> !s.status().isGrant() && s.status() != ConsentStatus.PENDING);
		grants.sort(Comparator.comparing((ConsentState s) -> s.purpose()).thenComparing(ConsentState::channel));
		for (ConsentState s : grants) {
			consents.record(link.tenant(), new ConsentCapture(link.contact().value(), null, null,
					List.of(s.channel()), List.of(s.purpose()), ConsentAction.WITHDRAW, ConsentSource.PREFERENCE_CENTRE,
					null, null, evidence(link, ip, userAgent, null)));
			changes.add(new PreferenceChange(PreferenceChange.Kind.WITHDRAWN, s.channel(), s.purpose()));
		}
		return changes;
	}

	/**
	 * Lifts the suppression of the identifier that reaches the person on the channel of a box they
	 * ticked. An entry for all channels is lifted and put back for every other channel, so that the
	 * tick frees that channel and nothing more.
	 */
	private void resume(PreferenceLink link, Contact contact, PreferencePage.Choice choice, String eventId) {
		String hash = hash(contact, choice.channel());
		Map<String, Object> evidence = suppressionEvidence(link);
		evidence.put("ticked", choice.key());
		evidence.put("consentEventId", eventId);
		suppressions.liftAtPersonsRequest(link.tenant(), choice.channel(), hash, evidence);
		Optional<Suppression> all = suppressions.entries(link.tenant(), hash).stream()
			.filter(e -> e.scope() == null)
			.findFirst();
		if (all.isPresent() && suppressions.liftAtPersonsRequest(link.tenant(), null, hash, evidence)) {
			Map<String, Object> kept = new LinkedHashMap<>();
			kept.put("source", "PREFERENCE_CENTRE");
			kept.put("keptFrom", "an all-channels entry lifted for " + choice.channel() + " only");
			kept.put("original", all.get().evidence());
			for (Channel other : Channel.values()) {
				if (other != choice.channel()) {
					suppressions.add(link.tenant(), hash, all.get().kind(), other, all.get().reason(), kept);
				}
			}
		}
	}

	private boolean suppressed(Contact contact, Channel channel) {
		return suppressions.isSuppressed(contact.tenant(), channel, hash(contact, channel));
	}

	private String hash(Contact contact, Channel channel) {
		return channel == Channel.SMS ? hashing.phone(contact.tenant(), contact.phone())
				: hashing.email(contact.tenant(), contact.email());
	}

	private static List<Channel> channels(Contact contact) {
		List<Channel> channels = new ArrayList<>();
		if (contact.phone() != null) {
			channels.add(Channel.SMS);
		}
		if (contact.email() != null) {
			channels.add(Channel.EMAIL);
		}
		return channels;
	}

	/** The latest notice in {@code language}, else the latest in the other page language, else any. */
	static Optional<Notice> notice(List<Notice> notices, String language) {
		List<String> order = new ArrayList<>(List.of(language));
		PreferencePage.LANGUAGES.stream().filter(l -> !l.equals(language)).forEach(order::add);
		for (String wanted : order) {
			Optional<Notice> latest = notices.stream()
				.filter(n -> PreferencePage.inLanguage(n, wanted))
				.max(Comparator.comparingInt(Notice::version));
			if (latest.isPresent()) {
				return latest;
			}
		}
		return notices.stream().max(Comparator.comparing(Notice::createdAt));
	}

	private static EvidenceFields evidence(PreferenceLink link, String ip, String userAgent,
			EvidenceFields.Checkbox checkbox) {
		String agent = userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent
				: userAgent.substring(0, MAX_USER_AGENT);
		return new EvidenceFields(null, ip, agent, checkbox, null, null, null,
				linkEvidence(link), null, null, null, null, null);
	}

	/** How the evidence names the link: when it was issued and until when it held, not the secret tag. */
	static String linkEvidence(PreferenceLink link) {
		return "preference link issued " + link.issuedAt() + ", valid until " + link.expiresAt();
	}

	private static Map<String, Object> suppressionEvidence(PreferenceLink link) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("source", "PREFERENCE_CENTRE");
		evidence.put("link", linkEvidence(link));
		return evidence;
	}
}
