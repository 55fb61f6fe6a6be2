package org.optinel.pages;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentRefusedException;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.Notice;
import org.optinel.consent.PreparedConsent;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeManagement;
import org.optinel.consent.RecordedConsent;
import org.optinel.contacts.ContactDraft;
import org.optinel.contacts.ContactManagement;
import org.optinel.contacts.ContactNormalisation;
import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's hosted consent forms and what people send through them.
 *
 * <p>A definition is judged by {@link FormRules} before it is stored; a change stores the next
 * version and leaves the earlier ones as they were. A submission is judged against the version
 * that was shown: a parameter the page never sends, such as a claim that a box was pre-ticked, is
 * refused (GDPR-01) and nothing is written; a missing or malformed detail is refused and nothing is
 * written. Otherwise each ticked box becomes one grant (GDPR-04) from a web form, with the form id
 * and version, the IP, the user agent, the checkbox state and the notice of the language shown as
 * evidence (GDPR-02), all in one transaction; an unticked box records nothing. A grant that its
 * purpose's double opt-in leaves pending has its confirmation queued in that same transaction
 * ({@link FormConfirmations}); a form is only accepted when the sender profile can send it. A form
 * embedded in one of the sites the tenant declared says so in its evidence, with the site.
 */
@Service
public class FormManagement {

	private static final int MAX_USER_AGENT = 500;

	private final HostedForms forms;

	private final PurposeManagement purposes;

	private final ConsentManagement consents;

	private final ContactManagement contacts;

	private final ContactNormalisation normalisation;

	private final TenantManagement tenants;

	private final Ids ids;

	private final Clock clock;

	private final TransactionTemplate writer;

	private final FormConfirmations confirmations;

	FormManagement(HostedForms forms, PurposeManagement purposes, ConsentManagement consents,
			ContactManagement contacts, ContactNormalisation normalisation, TenantManagement tenants, Ids ids,
			Clock clock, PlatformTransactionManager transactions, FormConfirmations confirmations) {
		this.confirmations = confirmations;
		this.forms = forms;
		this.purposes = purposes;
		this.consents = consents;
		this.contacts = contacts;
		this.normalisation = normalisation;
		this.tenants = tenants;
		this.ids = ids;
		this.clock = clock;
		this.writer = new TransactionTemplate(transactions);
	}

	/**
	 * Stores a new form as its version 1.
	 * @throws ConsentRefusedException when the form would break GDPR-01, -02, -03 or -04 (422)
	 * @throws InvalidInputException for missing or malformed fields (422)
	 */
	@Transactional
	public HostedForm define(TenantId tenant, FormDraft draft) {
		HostedForm form = new HostedForm(tenant, ids.next(), 1, judge(tenant, draft), now());
		forms.insert(form);
		return form;
	}

	/**
	 * Stores the next version of a form; the versions before it stay as they were, for the consents
	 * that name them.
	 * @throws NotFoundException when the tenant has no such form
	 */
	@Transactional
	public HostedForm revise(TenantId tenant, String id, FormDraft draft) {
		HostedForm latest = get(tenant, id);
		HostedForm next = new HostedForm(tenant, latest.id(), latest.version() + 1, judge(tenant, draft), now());
		if (!forms.insert(next)) {
			throw new OptinelException(ProblemKind.CONFLICT, "concurrent-form-change", "Concurrent change",
					"Another version of this form was stored at the same moment; read the form and try again.");
		}
		return next;
	}

	/** The latest version of a form of the tenant. */
	@Transactional(readOnly = true)
	public HostedForm get(TenantId tenant, String id) {
		return lookup(tenant, id).orElseThrow(() -> new NotFoundException("form", id));
	}

	@Transactional(readOnly = true)
	public List<HostedForm> list(TenantId tenant) {
		tenants.require(tenant);
		return forms.list(tenant);
	}

	/** The latest version of the form with this public key, if there is one. */
	@Transactional(readOnly = true)
	public Optional<HostedForm> published(String publicKey) {
		if (publicKey == null) {
			return Optional.empty();
		}
		int dot = publicKey.indexOf('.');
		if (dot < 0 || !Ids.isCanonical(publicKey.substring(0, dot))) {
			return Optional.empty();
		}
		return lookup(TenantId.of(publicKey.substring(0, dot)), publicKey.substring(dot + 1));
	}

	/**
	 * The origins of the sites the form with this public key may be embedded in, at its latest
	 * version; none for an unknown form.
	 */
	@Transactional(readOnly = true)
	public List<String> embedOrigins(String publicKey) {
		return published(publicKey).map(f -> f.definition().embedOrigins()).orElse(List.of());
	}

	/** The form in {@code language} (one of {@link FormDefinition#LANGUAGES}) with the exact notice texts. */
	@Transactional(readOnly = true)
	public FormPage page(HostedForm form, String language) {
		Map<String, Notice> notices = new HashMap<>();
		for (String purpose : form.definition().asks().stream().map(FormDefinition.Ask::purpose).distinct().toList()) {
			purposes.notices(form.tenant(), purpose).forEach(n -> notices.put(n.id(), n));
		}
		List<String> texts = new ArrayList<>();
		for (FormDefinition.Ask ask : form.definition().asks()) {
			Notice notice = notices.get(ask.noticeIds().get(language));
			if (notice == null) {
				// Notices are never deleted: this only happens if the stored definition was altered.
				throw new IllegalStateException("form " + form.id() + " v" + form.version() + " names notice "
						+ ask.noticeIds().get(language) + " that does not exist");
			}
			texts.add(notice.text());
		}
		return new FormPage(form, language, texts);
	}

	/**
	 * Judges and records what a person sent through the form with this public key.
	 * @throws NotFoundException when there is no such form
	 * @throws ConsentRefusedException when the submission holds what the page never sends (GDPR-01); nothing is written
	 * @throws InvalidInputException when a detail is missing or malformed; nothing is written
	 */
	public SubmittedForm submit(String publicKey, FormSubmission submission) {
		HostedForm latest = published(publicKey).orElseThrow(() -> new NotFoundException("form", publicKey));
		Map<String, List<String>> params = submission.parameters();
		HostedForm shown = shownVersion(latest, params);
		FormDefinition form = shown.definition();
		String language = single(params, FormSubmission.LANGUAGE);
		if (language == null || !FormDefinition.LANGUAGES.contains(language)) {
			throw new InvalidInputException(FormSubmission.LANGUAGE, "must be one of " + FormDefinition.LANGUAGES);
		}
		refuseWhatThePageNeverSends(shown, params);
		FormSubmission.Embedding embedding = submission.embedding();
		if (embedding != null && embedding.origin() != null
				&& !latest.definition().embedOrigins().contains(embedding.origin())) {
			throw new InvalidInputException("embedOrigin", "'" + embedding.origin()
					+ "' is not a site this form may be embedded in");
		}

		List<Integer> ticked = new ArrayList<>();
		for (int i = 0; i < form.asks().size(); i++) {
			if (params.containsKey(FormSubmission.ask(i))) {
				ticked.add(i);
			}
		}
		Tenant tenant = tenants.require(shown.tenant());
		List<FieldViolation> violations = new ArrayList<>();
		Map<String, String> values = new HashMap<>();
		String email = null;
		String phone = null;
		for (FormDefinition.Field field : form.fields()) {
			String value = single(params, field.name());
			if (value == null || value.isBlank()) {
				if (field.required()) {
					violations.add(new FieldViolation(field.name(), "is required"));
				}
				continue;
			}
			switch (field.name()) {
				case "email":
					EmailAddress address = normalisation.email(value, "email", violations);
					email = address == null ? null : address.value();
					break;
				case "phone":
					PhoneNumber number = normalisation.phone(value, tenant.defaultRegion(), "phone",
							violations);
					phone = number == null ? null : number.e164();
					break;
				default:
					normalisation.text(value, field.name(), violations);
			}
			values.put(field.name(), value.strip());
		}
		for (int i : ticked) {
			FormDefinition.Ask ask = form.asks().get(i);
			String needed = ask.channel() == Channel.SMS ? "phone" : "email";
			if (!values.containsKey(needed) && violations.stream().noneMatch(v -> v.field().equals(needed))) {
				violations.add(new FieldViolation(needed, "is needed for the " + ask.channel() + " consent you ticked"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		if (ticked.isEmpty()) {
			// Nothing was consented to: the details are not kept, there is no purpose to keep them for.
			return new SubmittedForm(shown, language, List.of(), FormConfirmations.Delivery.NONE);
		}

		EvidenceFields evidence = new EvidenceFields(shown.evidenceId(), submission.ip(), userAgent(submission),
				new EvidenceFields.Checkbox(false, true), null, null, null, null, null, null, null, null, null,
				embedding == null ? null : new EvidenceFields.Embedded(embedding.via().name().toLowerCase(Locale.ROOT),
						embedding.origin()));
		Instant at = now();
		List<PreparedConsent> prepared = new ArrayList<>();
		for (int i : ticked) {
			FormDefinition.Ask ask = form.asks().get(i);
			prepared.add(consents.prepare(shown.tenant(), new ConsentCapture(null, values.get("phone"),
					values.get("email"), List.of(ask.channel()), List.of(ask.purpose()), ConsentAction.GRANT,
					ConsentSource.WEB_FORM, ask.noticeIds().get(language), at, evidence)));
		}
		SubmittedForm recorded;
		try {
			recorded = record(shown, prepared, values, language, ticked, email, phone);
		}
		catch (InvalidInputException clash) {
			// The contacts module names the two contacts in its message; a public page must not show their ids.
			throw new InvalidInputException("email", "and the phone number are known to us as two different people; "
					+ "send only one of them");
		}
		return recorded;
	}

	private SubmittedForm record(HostedForm shown, List<PreparedConsent> prepared, Map<String, String> values,
			String language, List<Integer> ticked, String email, String phone) {
		return writer.execute(status -> {
			List<RecordedConsent> appended = consents.append(prepared);
			RecordedConsent first = appended.get(0);
			// Names go only on a contact this submission created: a public form must not rename someone else.
			if (first.contactCreated()) {
				contacts.patch(shown.tenant(), first.event().contact(), ContactDraft.of(null, null, null,
						values.get("firstName"), values.get("lastName"), language, null, null, null, null));
			}
			// Double opt-in: the confirmations are queued with the grants they confirm, or neither is written.
			return new SubmittedForm(shown, language, appended,
					confirmations.deliver(shown, language, ticked, appended, email, phone));
		});
	}

	private HostedForm shownVersion(HostedForm latest, Map<String, List<String>> params) {
		String version = single(params, FormSubmission.VERSION);
		if (version != null && version.matches("[1-9][0-9]{0,8}")) {
			int v = Integer.parseInt(version);
			if (v == latest.version()) {
				return latest;
			}
			Optional<HostedForm> older = forms.version(latest.tenant(), latest.id(), v);
			if (older.isPresent()) {
				return older.get();
			}
		}
		throw new InvalidInputException(FormSubmission.VERSION, "does not name a version of this form; reload the page");
	}

	/** GDPR-01: the page sends its fields, one value per ticked box, and nothing else. */
	private static void refuseWhatThePageNeverSends(HostedForm shown, Map<String, List<String>> params) {
		FormDefinition form = shown.definition();
		Set<String> sent = new LinkedHashSet<>(List.of(FormSubmission.LANGUAGE, FormSubmission.VERSION));
		form.fields().forEach(f -> sent.add(f.name()));
		Set<String> boxes = new LinkedHashSet<>();
		for (int i = 0; i < form.asks().size(); i++) {
			boxes.add(FormSubmission.ask(i));
		}
		if (form.termsCheckbox() != null) {
			boxes.add(FormSubmission.TERMS);
		}
		List<String> foreign = new ArrayList<>();
		params.forEach((name, values) -> {
			boolean box = boxes.contains(name);
			if (!box && !sent.contains(name) || values.size() != 1
					|| box && !FormSubmission.TICKED.equals(values.get(0))) {
				foreign.add(name);
			}
		});
		if (!foreign.isEmpty()) {
			ConsentRefusedException refused = new ConsentRefusedException("GDPR-01", "this submission holds what the "
					+ "form's page never sends (" + String.join(", ", foreign.stream().sorted().toList()) + "); "
					+ "consent is only a box the person ticked themselves. Nothing was recorded.");
			refused.with("errors", foreign.stream().sorted()
				.map(name -> new FieldViolation(name, "is not sent by this form's page"))
				.collect(Collectors.toList()));
			throw refused;
		}
	}

	private FormDefinition judge(TenantId tenant, FormDraft draft) {
		tenants.require(tenant);
		Set<String> keys = purposes.purposes(tenant).stream().map(Purpose::key).collect(Collectors.toSet());
		Map<String, Notice> notices = new HashMap<>();
		purposes.notices(tenant, null).forEach(n -> notices.put(n.id(), n));
		FormDefinition definition = FormRules.judge(draft, keys, notices::get);
		List<FieldViolation> undeliverable = confirmations.undeliverable(tenant, definition);
		if (!undeliverable.isEmpty()) {
			throw new InvalidInputException(undeliverable);
		}
		return definition;
	}

	private Optional<HostedForm> lookup(TenantId tenant, String id) {
		if (id == null || !Ids.isCanonical(id)) {
			return Optional.empty();
		}
		return forms.latest(tenant, id);
	}

	private static String single(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return values == null || values.size() != 1 ? null : values.get(0);
	}

	private static String userAgent(FormSubmission submission) {
		String agent = submission.userAgent();
		if (agent == null || agent.isBlank()) {
			return null;
		}
		return agent.substring(0, Math.min(agent.length(), MAX_USER_AGENT));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}
}
