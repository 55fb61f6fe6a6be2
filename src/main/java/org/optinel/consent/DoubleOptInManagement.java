package org.optinel.consent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in: per purpose, the channels on which a grant counts only once the person confirms
 * it, and the confirmation itself.
 *
 * <p>A grant on such a channel is chained as a pending grant (status {@link ConsentStatus#PENDING},
 * never a basis to send) and gets one confirmation: a high-entropy token for email, a six-digit
 * code for SMS, both single-use and expiring, only their salted hashes kept. Confirming appends a
 * new grant that names the pending one; its evidence holds both steps, each with its time, IP and
 * user agent (GDPR-02), and the click or code is the affirmative act (GDPR-01). A failed attempt is
 * counted and kept, and nothing else is written. A pending grant that a withdrawal or refusal of
 * the same contact, channel and purpose followed is never confirmed.
 */
@Service
public class DoubleOptInManagement {

	/** Evidence documents are written by this mapper alone, so their bytes never depend on application settings. */
	private static final JsonMapper CANONICAL_JSON = JsonMapper.builder().build();

	private static final int TOKEN_BYTES = 32;

	private final Confirmations confirmations;

	private final ConsentLedger ledger;

	private final Purposes purposes;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final org.optinel.core.Ids ids;

	private final Clock clock;

	private final ConsentProperties properties;

	private final SecureRandom random = new SecureRandom();

	DoubleOptInManagement(Confirmations confirmations, ConsentLedger ledger, Purposes purposes, TenantManagement tenants,
			ApplicationEventPublisher events, org.optinel.core.Ids ids, Clock clock, ConsentProperties properties) {
		this.confirmations = confirmations;
		this.ledger = ledger;
		this.purposes = purposes;
		this.tenants = tenants;
		this.events = events;
		this.ids = ids;
		this.clock = clock;
		this.properties = properties;
	}

	/** The channels on which grants for {@code purpose} need a confirmation. */
	@Transactional(readOnly = true)
	public Set<Channel> channels(TenantId tenant, String purpose) {
		return confirmations.doubleOptIn(tenant, purpose);
	}

	/** The double opt-in channels of every purpose that has some, by purpose key. */
	@Transactional(readOnly = true)
	public Map<String, Set<Channel>> channels(TenantId tenant) {
		return confirmations.doubleOptIn(tenant);
	}

	/**
	 * Sets the channels on which grants for {@code purpose} need a confirmation; an empty set turns
	 * double opt-in off. Applies to grants recorded from now on; pending grants stay pending.
	 * @throws InvalidInputException when the purpose is unknown or {@code channels} is missing
	 */
	@Transactional
	public Set<Channel> configure(TenantId tenant, String purpose, List<Channel> channels) {
		tenants.require(tenant);
		if (purpose == null || purposes.find(tenant, purpose).isEmpty()) {
			throw new NotFoundException("purpose", purpose);
		}
		if (channels == null || channels.stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidInputException("doubleOptIn", "is required: the channels whose grants need a confirmation, "
					+ "e.g. [\"EMAIL\", \"SMS\"], or [] for none");
		}
		Set<Channel> set = channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels);
		confirmations.replaceDoubleOptIn(tenant, purpose, set);
		return set;
	}

	/**
	 * Whether a proven grant from {@code source} must wait for a confirmation. Exempt are an import,
	 * which carries a consent given, and proven, elsewhere (EDPB-01 judges it), and an answer that
	 * came through the very channel it grants: an SMS reply from the number grants SMS, and a click
	 * ({@code EMAIL_CLICK}) answers a link that was delivered on the channel it grants, as every
	 * re-permission campaign's link is (an email's link grants email, an SMS's link SMS). A
	 * confirmation proves that the number or the mailbox is the person's; such an answer has just
	 * proven it, and asking again would only lose people who already said yes. The preference centre
	 * is exempt too: it is reached by a signed link that names the contact, and nobody types an
	 * address or a number there, so there is nothing new whose owner a confirmation could prove.
	 */
	boolean applies(TenantId tenant, String purpose, Channel channel, ConsentSource source) {
		return applies(confirmations.doubleOptIn(tenant, purpose), channel, source);
	}

	/** {@link #applies(TenantId, String, Channel, ConsentSource)} with the purpose's double opt-in channels known. */
	static boolean applies(Set<Channel> doubleOptInChannels, Channel channel, ConsentSource source) {
		if (source == ConsentSource.IMPORT || source == ConsentSource.EMAIL_CLICK
				|| source == ConsentSource.PREFERENCE_CENTRE || source == ConsentSource.SMS_REPLY && channel == Channel.SMS) {
			return false;
		}
		return doubleOptInChannels.contains(channel);
	}

	/** Issues the confirmation of a pending grant, in the transaction that appended it. */
	IssuedConfirmation issue(ConsentEvent pending, Instant now) {
		ConfirmationMethod method = ConfirmationMethod.on(pending.channel());
		String secret = method == ConfirmationMethod.EMAIL_TOKEN ? token() : code();
		byte[] saltBytes = new byte[16];
		random.nextBytes(saltBytes);
		String salt = HexFormat.of().formatHex(saltBytes);
		Instant expiresAt = now.plus(properties.doubleOptIn().expiry());
		confirmations.insert(new Confirmation(pending.tenant(), pending.id(), method, salt, Confirmation.hash(salt, secret),
				0, now, expiresAt, null));
		return new IssuedConfirmation(pending.id(), method, secret, expiresAt, properties.doubleOptIn().maxAttempts());
	}

	/**
	 * Confirms the pending grant {@code eventId} with the person's token or code.
	 * @throws ConfirmationFailedException wrong, expired, used or out of attempts (422; the attempt is counted)
	 * @throws ConsentRefusedException without the IP and user agent of the second step (GDPR-02)
	 * @throws OptinelException 409 {@code confirmation-superseded} after a withdrawal or refusal
	 * @throws NotFoundException when no pending grant of the tenant has this id
	 */
	@Transactional(noRollbackFor = ConfirmationFailedException.class)
	public RecordedConsent confirm(TenantId tenantId, String eventId, ConfirmationAnswer answer) {
		Tenant tenant = tenants.require(tenantId);
		requireEvidence(answer);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		// Every writer takes the head lock first, so confirmations and appends never deadlock.
		ConsentLedger.Head head = ledger.lockHead(tenantId);
		Confirmation confirmation = confirmations.lock(tenantId, eventId)
			.orElseThrow(() -> new NotFoundException("pending consent", eventId));
		ConsentLedger.Entry entry = confirmations.entry(tenantId, eventId)
			.orElseThrow(() -> new IllegalStateException("Confirmation of event " + eventId + " has no ledger event"));
		ConsentEvent pending = entry.event();
		String secret = answer.secretFor(confirmation.method());
		if (secret == null && !confirmation.used() && !confirmation.expiredAt(now)) {
			throw new InvalidInputException(confirmation.method().field(), "is required: the "
					+ (confirmation.method() == ConfirmationMethod.EMAIL_TOKEN ? "token of the confirmation link"
							: "six-digit code sent by SMS"));
		}
		judge(confirmation, secret, now);
		Instant occurredAt = occurredAt(answer, pending, now);
		ConsentLedger.Projection stored = ledger.projections(tenantId, List.of(pending.contact()))
			.stream()
			.filter(p -> p.state().channel() == pending.channel() && p.state().purpose().equals(pending.purpose()))
			.findFirst()
			.orElse(null);
		ConsentState current = stored == null ? null : stored.state();
		if (current != null && current.seq() > pending.seq()
				&& (current.status() == ConsentStatus.WITHDRAWN || current.status() == ConsentStatus.DENIED)) {
			throw new OptinelException(ProblemKind.CONFLICT, "confirmation-superseded", "Consent withdrawn since",
					"The person withdrew or refused consent for " + pending.channel() + " and '" + pending.purpose()
							+ "' after this grant was asked; a confirmation of the older grant does not give it again. "
							+ "Ask for consent anew.").with("consentStatus", current.status());
		}
		String document = evidenceDocument(pending, entry.evidence(), answer, occurredAt);
		ConsentEvent event = new ConsentEvent(tenantId, head.seq() + 1, ids.next(), pending.contact(), pending.channel(),
				pending.purpose(), ConsentAction.GRANT, pending.source(), pending.noticeId(), pending.noticeSha256(), true,
				occurredAt, now, ConsentChain.sha256(document), head.hash(), ConsentChain.GENESIS, false, pending.id())
			.sealed();
		ledger.append(new ConsentLedger.NewEvent(event, document, stored == null ? null : stored.lastSeq()));
		ledger.project(tenantId, new ConsentLedger.Projection(ConsentState.of(event), event.seq()));
		confirmations.confirmed(tenantId, eventId, event.id());
		events.publishEvent(new ConsentGiven(tenantId, event.id(), event.seq(), event.contact(), event.channel(),
				event.purpose(), true, event.occurredAt()));
		Instant cutoff = now.atZone(tenant.timeZone()).minus(properties.refreshPeriod()).toInstant();
		ConsentState state = ledger.states(tenantId, List.of(pending.contact()))
			.stream()
			.filter(s -> s.channel() == event.channel() && s.purpose().equals(event.purpose()))
			.findFirst()
			.orElseThrow()
			.judgedAgainst(cutoff);
		return new RecordedConsent(event, state, false);
	}

	private void judge(Confirmation c, String secret, Instant now) {
		int max = properties.doubleOptIn().maxAttempts();
		String type = null;
		String title = null;
		String detail = null;
		if (c.used()) {
			type = "confirmation-used";
			title = "Confirmation already used";
			detail = "This pending consent was confirmed already (event " + c.confirmedBy() + "); a confirmation works once.";
		}
		else if (c.exhausted(max)) {
			type = "confirmation-attempts-exhausted";
			title = "No confirmation attempt left";
			detail = "Too many wrong attempts (" + max + "); this confirmation confirms nothing any more. "
					+ "Ask for consent anew to issue a new one.";
		}
		else if (c.expiredAt(now)) {
			type = "confirmation-expired";
			title = "Confirmation expired";
			detail = "The confirmation expired at " + c.expiresAt() + ". Ask for consent anew to issue a new one.";
		}
		else if (!c.matches(secret)) {
			type = "confirmation-invalid";
			title = "Wrong confirmation " + c.method().field();
			detail = "The " + c.method().field() + " does not match this pending consent; " + (max - c.attempts() - 1)
					+ " attempt(s) left. Nothing was recorded.";
		}
		if (type != null) {
			confirmations.failed(c.tenant(), c.eventId());
			throw new ConfirmationFailedException(type, title, detail, Math.max(0, max - c.attempts() - 1));
		}
	}

	private static void requireEvidence(ConfirmationAnswer answer) {
		List<FieldViolation> missing = new ArrayList<>();
		if (answer.ip() == null || answer.ip().isBlank()) {
			missing.add(new FieldViolation("ip", "is required: the IP address the confirmation came from"));
		}
		if (answer.userAgent() == null || answer.userAgent().isBlank()) {
			missing.add(new FieldViolation("userAgent", "is required: the user agent of the confirming browser"));
		}
		if (!missing.isEmpty()) {
			ConsentRefusedException refused = new ConsentRefusedException("GDPR-02", "a confirmation must be provable; "
					+ "missing " + String.join(", ", missing.stream().map(FieldViolation::field).toList())
					+ ". Nothing was recorded.");
			refused.with("errors", missing);
			throw refused;
		}
	}

	private Instant occurredAt(ConfirmationAnswer answer, ConsentEvent pending, Instant now) {
		if (answer.occurredAt() == null) {
			return now;
		}
		Instant at = answer.occurredAt().truncatedTo(ChronoUnit.MILLIS);
		if (at.isAfter(now.plus(properties.maxClockSkew()))) {
			throw new InvalidInputException("occurredAt", "lies in the future (" + at + "); record a confirmation once it was given");
		}
		if (at.isBefore(pending.occurredAt())) {
			throw new InvalidInputException("occurredAt", "lies before the grant it confirms (" + pending.occurredAt() + ")");
		}
		return at;
	}

	/** Both steps of the double opt-in, each with its time, IP and user agent. */
	private String evidenceDocument(ConsentEvent pending, String pendingEvidence, ConfirmationAnswer answer,
			Instant occurredAt) {
		Map<String, Object> request = new TreeMap<>();
		request.put("eventId", pending.id());
		request.put("occurredAt", pending.occurredAt().toString());
		if (pending.evidenceSha256() != null) {
			request.put("evidenceSha256", pending.evidenceSha256());
		}
		if (pendingEvidence != null) {
			request.put("evidence", CANONICAL_JSON.readValue(pendingEvidence, TreeMap.class));
		}
		Map<String, Object> confirmation = new TreeMap<>();
		confirmation.put("method", ConfirmationMethod.on(pending.channel()).name());
		confirmation.put("occurredAt", occurredAt.toString());
		confirmation.put("ip", answer.ip().strip());
		confirmation.put("userAgent", answer.userAgent().strip());
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		Map<String, Object> document = new TreeMap<>();
		document.put("confirmation", confirmation);
		document.put("request", request);
		document.put("salt", HexFormat.of().formatHex(salt));
		document.put("source", pending.source().name());
		return CANONICAL_JSON.writeValueAsString(document);
	}

	private String token() {
		byte[] bytes = new byte[TOKEN_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private String code() {
		return String.format("%06d", random.nextInt(1_000_000));
	}
}
