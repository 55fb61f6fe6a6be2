package org.optinel.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.optinel.consent.ConfirmationAnswer;
import org.optinel.consent.ConfirmationFailedException;
import org.optinel.consent.ConfirmationMethod;
import org.optinel.consent.ConsentRefusedException;
import org.optinel.consent.DoubleOptInManagement;
import org.optinel.consent.IssuedConfirmation;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeManagement;
import org.optinel.consent.RecordedConsent;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.messaging.PublicBaseUrl;
import org.optinel.messaging.outbox.NewMessage;
import org.optinel.messaging.outbox.Origin;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.sender.SenderProfile;
import org.optinel.messaging.sender.SenderProfileManagement;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in on hosted forms: Optinel delivers the confirmation of the grants a submission left
 * pending, and takes the person's answer.
 *
 * <p>Delivery is queued in the outbox in the submission's own transaction, so a grant is never left
 * pending without its confirmation on the way, nor a confirmation sent for a grant that was rolled
 * back. One email carries one link that confirms every pending email grant of the submission; one
 * SMS carries the code of every pending SMS grant (one code per purpose, each named when there are
 * several). Both are {@link Origin#CONFIRMATION} messages from the tenant's sender profile, in the
 * language the form was shown in, and expire with the confirmation ({@code sendBefore}).
 *
 * <p>A form that asks on a double opt-in channel needs a sender on that channel: {@link #undeliverable}
 * names the asks that lack one when the form is defined; a submission made after the sender profile
 * lost it is refused and writes nothing.
 *
 * <p>A confirmation's answer goes to {@link DoubleOptInManagement#confirm}, one pending grant at a
 * time, each in its own transaction, with the second step's IP and user agent as evidence (GDPR-02).
 */
@Service
public class FormConfirmations {

	/** The path of the confirmation link's page, followed by the token. */
	public static final String EMAIL_PATH = "/d/";

	/** The path of the SMS code form, followed by the signed reference. */
	public static final String SMS_PATH = "/d/sms/";

	private final DoubleOptInManagement doubleOptIn;

	private final PurposeManagement purposes;

	private final SenderProfileManagement senders;

	private final Outbox outbox;

	private final ConfirmationLinks links;

	private final HostedForms forms;

	private final TenantManagement tenants;

	private final PublicBaseUrl publicBaseUrl;

	FormConfirmations(DoubleOptInManagement doubleOptIn, PurposeManagement purposes, SenderProfileManagement senders,
			Outbox outbox, ConfirmationLinks links, HostedForms forms, TenantManagement tenants,
			PublicBaseUrl publicBaseUrl) {
		this.doubleOptIn = doubleOptIn;
		this.purposes = purposes;
		this.senders = senders;
		this.outbox = outbox;
		this.links = links;
		this.forms = forms;
		this.tenants = tenants;
		this.publicBaseUrl = publicBaseUrl;
	}

	/** What a submission's pending grants were sent: whether an email went, and the reference of the SMS code form. */
	public record Delivery(boolean email, String smsReference) {

		static final Delivery NONE = new Delivery(false, null);
	}

	/** One pending grant as the person is shown it: the purpose's name, the channel and the notice they ticked. */
	public record Described(Channel channel, String purposeName, String noticeText) {
	}

	/**
	 * What a confirmation link or SMS reference asks the person to confirm.
	 *
	 * @param language the language the items are described in, and the pages speak
	 */
	public record Request(ConfirmationLinks.Pending pending, HostedForm form, String language, List<Described> items) {
	}

	/** How an answer ended, the worst of its grants' outcomes. */
	public enum Result {

		/** Every grant is confirmed now (or was already). */
		CONFIRMED,
		/** The code was missing: nothing was counted. */
		CODE_MISSING,
		/** A code or token did not match: the attempt was counted, nothing granted. */
		WRONG,
		/** The confirmation expired or its attempts ran out: it confirms nothing any more. */
		EXPIRED,
		/** The person withdrew or refused since, or the grant is gone (erasure). */
		SUPERSEDED,
		/** The second step could not be proven (no IP or user agent): nothing was written. */
		UNPROVEN
	}

	/** An answer's result, and for a wrong code how many attempts are left. */
	public record Outcome(Result result, Integer attemptsLeft) {
	}

	/**
	 * The asks of {@code definition} that ask on a double opt-in channel the tenant's sender profile
	 * cannot send on, one violation each, named {@code asks[i].channel}.
	 */
	@Transactional(readOnly = true)
	public List<FieldViolation> undeliverable(TenantId tenant, FormDefinition definition) {
		Map<String, Set<Channel>> doi = doubleOptIn.channels(tenant);
		SenderProfile profile = null;
		List<FieldViolation> violations = new ArrayList<>();
		for (int i = 0; i < definition.asks().size(); i++) {
			FormDefinition.Ask ask = definition.asks().get(i);
			if (!doi.getOrDefault(ask.purpose(), Set.of()).contains(ask.channel())) {
				continue;
			}
			profile = profile == null ? senders.profile(tenant) : profile;
			String missing = missingSender(profile, ask.channel());
			if (missing != null) {
				violations.add(new FieldViolation("asks[" + i + "].channel", "'" + ask.purpose() + "' needs double "
						+ "opt-in on " + ask.channel() + ", and Optinel sends the confirmation; the sender profile has no "
						+ missing + " to send it from. Set it with PUT /api/v1/messaging/sender first"));
			}
		}
		return violations;
	}

	/**
	 * Queues the confirmations of the pending grants among {@code recorded}, in the caller's transaction.
	 *
	 * @param asks the ask index of each recorded grant, in the same order
	 * @param email the person's address, {@code null} when they gave none
	 * @param phone the person's number in E.164, {@code null} when they gave none
	 * @throws OptinelException 503 {@code confirmation-undeliverable} when the sender profile cannot send it
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Delivery deliver(HostedForm form, String language, List<Integer> asks, List<RecordedConsent> recorded,
			String email, String phone) {
		List<ConfirmationLinks.Item> byEmail = new ArrayList<>();
		List<ConfirmationLinks.Item> bySms = new ArrayList<>();
		List<IssuedConfirmation> emailIssued = new ArrayList<>();
		List<IssuedConfirmation> smsIssued = new ArrayList<>();
		for (int i = 0; i < recorded.size(); i++) {
			IssuedConfirmation issued = recorded.get(i).confirmation();
			if (issued == null) {
				continue;
			}
			if (issued.method() == ConfirmationMethod.EMAIL_TOKEN) {
				byEmail.add(new ConfirmationLinks.Item(asks.get(i), issued.eventId(), issued.secret()));
				emailIssued.add(issued);
			}
			else {
				bySms.add(new ConfirmationLinks.Item(asks.get(i), issued.eventId(), null));
				smsIssued.add(issued);
			}
		}
		if (byEmail.isEmpty() && bySms.isEmpty()) {
			return Delivery.NONE;
		}
		TenantId tenantId = form.tenant();
		Tenant tenant = tenants.require(tenantId);
		SenderProfile profile = senders.profile(tenantId);
		for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
			if ((channel == Channel.EMAIL ? byEmail : bySms).isEmpty()) {
				continue;
			}
			if (missingSender(profile, channel) != null) {
				// The form was accepted with a sender; the profile lost it since. Nothing is written.
				throw new OptinelException(ProblemKind.UNAVAILABLE, "confirmation-undeliverable",
						"Confirmation cannot be sent", "The " + channel + " consent needs a confirmation and the sender "
								+ "profile has no " + missingSender(profile, channel) + ". Nothing was recorded.");
			}
		}
		Map<String, Purpose> purposeByKey = purposeByKey(tenantId);
		ConfirmationMessages texts = new ConfirmationMessages(language, tenant.timeZone(), profile.brand(),
				form.definition().controller());
		String smsReference = null;
		if (!byEmail.isEmpty()) {
			ConfirmationLinks.Pending pending = new ConfirmationLinks.Pending(ConfirmationLinks.Kind.EMAIL, tenantId,
					form.id(), form.version(), language, byEmail);
			String link = publicBaseUrl.get() + EMAIL_PATH + links.write(pending);
			List<Described> described = describe(form, language, byEmail, purposeByKey);
			Instant expiresAt = earliest(emailIssued);
			String fromName = profile.emailFromName() != null ? profile.emailFromName() : profile.brand();
			outbox.enqueue(new NewMessage(tenantId, Channel.EMAIL, email, recorded.get(0).event().contact().value(),
					purposeOf(form, byEmail.get(0)), false, Origin.CONFIRMATION, byEmail.get(0).eventId(),
					"confirmation:" + byEmail.get(0).eventId(), profile.emailFromAddress().value(), fromName,
					texts.subject(), texts.emailText(described, link, expiresAt),
					texts.emailHtml(described, link, expiresAt), null, expiresAt));
		}
		if (!bySms.isEmpty()) {
			ConfirmationLinks.Pending pending = new ConfirmationLinks.Pending(ConfirmationLinks.Kind.SMS, tenantId,
					form.id(), form.version(), language, bySms);
			smsReference = links.write(pending);
			List<Described> described = describe(form, language, bySms, purposeByKey);
			List<String> codes = smsIssued.stream().map(IssuedConfirmation::secret).toList();
			outbox.enqueue(new NewMessage(tenantId, Channel.SMS, phone, recorded.get(0).event().contact().value(),
					purposeOf(form, bySms.get(0)), false, Origin.CONFIRMATION, bySms.get(0).eventId(),
					"confirmation:" + bySms.get(0).eventId(), profile.smsSenderId().value(), null, null,
					texts.sms(described, codes), null, null, earliest(smsIssued)));
		}
		return new Delivery(!byEmail.isEmpty(), smsReference);
	}

	/**
	 * What the signed reference asks to confirm, described in {@code language} (one of
	 * {@link FormDefinition#LANGUAGES}, or {@code null} for the language the form was filled in);
	 * empty for a reference this service did not sign. Not in a read-only transaction: checking a
	 * signature may create the tenant's link secret on its first use.
	 */
	public Optional<Request> request(ConfirmationLinks.Kind kind, String reference, String language) {
		Optional<ConfirmationLinks.Pending> read = links.read(kind, reference);
		if (read.isEmpty()) {
			return Optional.empty();
		}
		ConfirmationLinks.Pending pending = read.get();
		Optional<HostedForm> form = forms.version(pending.tenant(), pending.formId(), pending.version());
		if (form.isEmpty() || pending.items().stream().anyMatch(i -> i.ask() >= form.get().definition().asks().size())) {
			return Optional.empty();
		}
		String shown = language != null && FormDefinition.LANGUAGES.contains(language) ? language : pending.language();
		return Optional.of(new Request(pending, form.get(), shown,
				describe(form.get(), shown, pending.items(), purposeByKey(pending.tenant()))));
	}

	/**
	 * Confirms every pending grant of the request: with the email token each carries, or with
	 * {@code codes}, one per grant in the request's order, for SMS. Not one transaction: each
	 * confirmation stands on its own, and a failed attempt is counted even though the answer fails.
	 */
	public Outcome confirm(Request request, List<String> codes, String ip, String userAgent) {
		ConfirmationLinks.Pending pending = request.pending();
		List<Outcome> outcomes = new ArrayList<>();
		for (int i = 0; i < pending.items().size(); i++) {
			ConfirmationLinks.Item item = pending.items().get(i);
			String code = pending.kind() == ConfirmationLinks.Kind.SMS && codes != null && i < codes.size() ? codes.get(i)
					: null;
			if (pending.kind() == ConfirmationLinks.Kind.SMS && (code == null || code.isBlank())) {
				outcomes.add(new Outcome(Result.CODE_MISSING, null));
				continue;
			}
			outcomes.add(confirm(pending.tenant(), item.eventId(),
					new ConfirmationAnswer(item.secret(), code, ip, userAgent, null)));
		}
		return outcomes.stream().max(Comparator.comparing(Outcome::result)).orElseThrow();
	}

	private Outcome confirm(TenantId tenant, String eventId, ConfirmationAnswer answer) {
		try {
			doubleOptIn.confirm(tenant, eventId, answer);
			return new Outcome(Result.CONFIRMED, null);
		}
		catch (ConfirmationFailedException failed) {
			switch (failed.type()) {
				case "confirmation-used":
					return new Outcome(Result.CONFIRMED, null);
				case "confirmation-invalid":
					return new Outcome(Result.WRONG, (Integer) failed.properties().get("attemptsLeft"));
				default:
					return new Outcome(Result.EXPIRED, null);
			}
		}
		catch (ConsentRefusedException unproven) {
			return new Outcome(Result.UNPROVEN, null);
		}
		catch (InvalidInputException missing) {
			return new Outcome(Result.CODE_MISSING, null);
		}
		catch (NotFoundException gone) {
			return new Outcome(Result.SUPERSEDED, null);
		}
		catch (OptinelException other) {
			if ("confirmation-superseded".equals(other.type())) {
				return new Outcome(Result.SUPERSEDED, null);
			}
			throw other;
		}
	}

	private List<Described> describe(HostedForm form, String language, List<ConfirmationLinks.Item> items,
			Map<String, Purpose> purposeByKey) {
		Map<String, Notice> notices = new HashMap<>();
		List<Described> described = new ArrayList<>();
		for (ConfirmationLinks.Item item : items) {
			FormDefinition.Ask ask = form.definition().asks().get(item.ask());
			if (notices.values().stream().noneMatch(n -> n.purpose().equals(ask.purpose()))) {
				purposes.notices(form.tenant(), ask.purpose()).forEach(n -> notices.put(n.id(), n));
			}
			Notice notice = notices.get(ask.noticeIds().get(language));
			Purpose purpose = purposeByKey.get(ask.purpose());
			described.add(new Described(ask.channel(), purpose == null ? ask.purpose() : purpose.name(),
					notice == null ? "" : notice.text()));
		}
		return described;
	}

	private Map<String, Purpose> purposeByKey(TenantId tenant) {
		Map<String, Purpose> byKey = new HashMap<>();
		purposes.purposes(tenant).forEach(p -> byKey.put(p.key(), p));
		return byKey;
	}

	private static String purposeOf(HostedForm form, ConfirmationLinks.Item item) {
		return form.definition().asks().get(item.ask()).purpose();
	}

	private static Instant earliest(List<IssuedConfirmation> issued) {
		return issued.stream().map(IssuedConfirmation::expiresAt).min(Comparator.naturalOrder()).orElseThrow();
	}

	/** The sender setting that {@code channel} lacks in {@code profile}, or {@code null} when it can send. */
	private static String missingSender(SenderProfile profile, Channel channel) {
		if (channel == Channel.EMAIL) {
			return profile.emailFromAddress() == null ? "emailFromAddress" : null;
		}
		return profile.smsSenderId() == null ? "smsSenderId" : null;
	}

}
