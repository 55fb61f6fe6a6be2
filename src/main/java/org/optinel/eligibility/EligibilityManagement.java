package org.optinel.eligibility;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.optinel.consent.ConsentProperties;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.contacts.Lifecycle;
import org.optinel.core.Channel;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.NotFoundException;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the eligibility decision for a tenant's contacts, one at a time, in batches, and as an
 * audience. Decisions come from the in-memory {@link EligibilityIndex} where it has the contact,
 * else from SQL; both feed the same pure {@link Eligibility#decide}.
 */
@Service
public class EligibilityManagement {

	/** The most subjects one batch may name. */
	public static final int MAX_BATCH = 10_000;

	private final EligibilityStore store;

	private final EligibilityIndex index;

	private final TenantManagement tenants;

	private final PurposeManagement purposes;

	private final SendingWindowManagement windows;

	private final IdentifierHashing hashing;

	private final ConsentProperties consentProperties;

	private final Clock clock;

	private final Map<TenantId, Map<String, Purpose>> purposeCache = new ConcurrentHashMap<>();

	EligibilityManagement(EligibilityStore store, EligibilityIndex index, TenantManagement tenants,
			PurposeManagement purposes, SendingWindowManagement windows, IdentifierHashing hashing,
			ConsentProperties consentProperties, Clock clock) {
		this.store = store;
		this.index = index;
		this.tenants = tenants;
		this.purposes = purposes;
		this.windows = windows;
		this.hashing = hashing;
		this.consentProperties = consentProperties;
		this.clock = clock;
	}

	/**
	 * May a message of {@code channel} and {@code purpose} go to {@code subject} at {@code at} (now when null)?
	 * @throws InvalidInputException for an unknown purpose (422)
	 * @throws NotFoundException when a contact id names no contact of the tenant (404)
	 */
	public EligibilityAnswer decide(TenantId tenantId, Subject subject, Channel channel, String purpose, Instant at) {
		Tenant tenant = tenants.require(tenantId);
		Message message = message(tenantId, channel, purpose);
		Instant when = at == null ? clock.instant() : at;
		return decide(tenant, subject, message, policy(tenant), when, true);
	}

	/**
	 * Whether this identifier hash was put on the suppression list for the channel since the service
	 * started, including by a transaction still committing. Reads memory only, never the database:
	 * the sender asks it, holding its locks, about the very address it is about to use, which may no
	 * longer be the contact's (older suppressions it reads from the list before taking the locks).
	 */
	public boolean recentlySuppressed(TenantId tenantId, String identifierHash, Channel channel, boolean marketing) {
		return index.recentlySuppressed(tenantId, identifierHash, channel, marketing);
	}

	/**
	 * Of these identifier hashes, the ones the suppression list silences for a message of this
	 * channel, marketing or not (only an SMS STOP silences a transactional message), in a few queries.
	 */
	@Transactional(readOnly = true)
	public java.util.Set<String> suppressedAmong(TenantId tenantId, Channel channel, boolean marketing,
			java.util.Collection<String> hashes) {
		java.util.Set<String> silenced = new java.util.HashSet<>();
		List<String> all = List.copyOf(new java.util.LinkedHashSet<>(hashes));
		for (int from = 0; from < all.size(); from += 500) {
			for (EligibilityStore.ActiveSuppression a : store.suppressions(tenantId,
					all.subList(from, Math.min(all.size(), from + 500)))) {
				boolean silences = channel == Channel.SMS
						? (marketing ? a.scope() == null || a.scope() == Channel.SMS || a.smsStop() : a.smsStop())
						: marketing && (a.scope() == null || a.scope() == Channel.EMAIL);
				if (silences) {
					silenced.add(a.hash());
				}
			}
		}
		return silenced;
	}

	/**
	 * The earliest instant from {@code at} at which a marketing message may reach this recipient by
	 * the tenant's sending windows (SMS only; an email is never held). Memory only.
	 */
	public Instant earliestToAsk(TenantId tenantId, Channel channel, String recipient, Instant at) {
		if (channel != Channel.SMS) {
			return at;
		}
		return windows.windows(tenantId).earliest(at, RecipientZone.of(recipient));
	}

	/** The decisions for many subjects, in order; an unknown contact id is a NO_LEGAL_BASIS answer, not an error. */
	public List<EligibilityAnswer> decideAll(TenantId tenantId, List<Subject> subjects, Channel channel, String purpose,
			Instant at) {
		if (subjects.size() > MAX_BATCH) {
			throw new InvalidInputException("contacts", "at most " + MAX_BATCH + " in one batch, was " + subjects.size()
					+ "; split the batch or use the audience");
		}
		Tenant tenant = tenants.require(tenantId);
		Message message = message(tenantId, channel, purpose);
		Instant when = at == null ? clock.instant() : at;
		EligibilityPolicy policy = policy(tenant);
		List<EligibilityAnswer> answers = new ArrayList<>(subjects.size());
		for (Subject s : subjects) {
			answers.add(decide(tenant, s, message, policy, when, false));
		}
		return answers;
	}

	/**
	 * The contacts whose phone has this keyed hash (one at most: phones are unique per tenant), as a
	 * suppression names them: from memory once the tenant's index is loaded, as its decisions are;
	 * until then from the database, by a scan of the contacts.
	 */
	@Transactional(readOnly = true)
	public List<String> contactsWithPhoneHash(TenantId tenantId, String phoneHash) {
		return index.contactsWithPhoneHash(tenantId, phoneHash)
			.orElseGet(() -> store.contactsWithPhoneHash(tenantId, phoneHash));
	}

	/**
	 * Every contact of the tenant ALLOWed for (channel, purpose) at {@code at}, handed to {@code sink}
	 * as the database streams them (SEED-02: screened against the suppression list). One set
	 * operation in the database; sending windows are applied per recipient zone on the way out.
	 * @return how many contacts were handed over
	 */
	@Transactional(readOnly = true)
	public long audience(TenantId tenantId, Channel channel, String purpose, Instant at, Consumer<String> sink) {
		Tenant tenant = tenants.require(tenantId);
		Message message = message(tenantId, channel, purpose);
		Instant when = at == null ? clock.instant() : at;
		boolean transactional = message.kind() == PurposeKind.TRANSACTIONAL;
		boolean windowed = !transactional && channel == Channel.SMS;
		Map<RecipientZone, Boolean> open = new EnumMap<>(RecipientZone.class);
		SendingWindows w = windows.windows(tenantId);
		for (RecipientZone zone : RecipientZone.values()) {
			open.put(zone, w.earliest(when, zone).equals(when));
		}
		long[] count = { 0 };
		store.audience(tenantId, new EligibilityStore.AudienceQuery(channel, purpose, transactional,
				message.similarProducts(), tenant.clientActivityTypes(),
				Lifecycle.windowStart(when, tenant.clientWindowMonths())), row -> {
					if (!windowed || open.get(RecipientZone.of(row.phone()))) {
						count[0]++;
						sink.accept(row.contactId());
					}
				});
		return count[0];
	}

	private EligibilityAnswer decide(Tenant tenant, Subject subject, Message message, EligibilityPolicy policy,
			Instant at, boolean unknownContactIsAnError) {
		TenantId tenantId = tenant.id();
		Optional<Decision> fromMemory = subject.contact() == null ? Optional.empty()
				: index.decide(tenantId, subject.contact().value(), message, policy, at);
		if (fromMemory.isPresent()) {
			return new EligibilityAnswer(fromMemory.get(), subject.contact().value(), true);
		}
		Optional<StoredFacts> facts = facts(tenant, subject, message);
		if (facts.isEmpty()) {
			if (subject.contact() != null) {
				if (unknownContactIsAnError) {
					throw new NotFoundException("contact", subject.contact().value());
				}
				return new EligibilityAnswer(new Decision.Deny(DenyReason.NO_LEGAL_BASIS, "NOT_IN_BASE"), null, false);
			}
			return notInBase(tenantId, subject, message.channel());
		}
		StoredFacts f = facts.get();
		Recipient recipient = Screening.recipient(f, store.suppressions(tenantId, hashes(tenantId, subject, f)));
		return new EligibilityAnswer(Eligibility.decide(message, recipient, f.consent(), policy, at), f.contactId(), true);
	}

	private Optional<StoredFacts> facts(Tenant tenant, Subject subject, Message message) {
		if (subject.contact() != null) {
			return store.byContact(tenant.id(), subject.contact().value(), message.channel(), message.purpose(),
					tenant.clientActivityTypes());
		}
		if (subject.phone() != null) {
			return store.byPhone(tenant.id(), subject.phone().e164(), message.channel(), message.purpose(),
					tenant.clientActivityTypes());
		}
		return store.byEmail(tenant.id(), subject.email().key(), message.channel(), message.purpose(),
				tenant.clientActivityTypes());
	}

	/** The hashes to screen: the stored ones, and the ones of the asked identifier (never trust a missing hash). */
	private List<String> hashes(TenantId tenant, Subject subject, StoredFacts f) {
		List<String> hashes = new ArrayList<>(3);
		if (f.phoneHash() != null) {
			hashes.add(f.phoneHash());
		}
		if (f.emailHash() != null) {
			hashes.add(f.emailHash());
		}
		return hashes;
	}

	/** A phone or email in no contact: only the suppression list can say anything about it. */
	private EligibilityAnswer notInBase(TenantId tenant, Subject subject, Channel channel) {
		String hash = subject.phone() != null ? hashing.phone(tenant, subject.phone()) : hashing.email(tenant, subject.email());
		boolean suppressed = store.suppressions(tenant, List.of(hash))
			.stream()
			.anyMatch(s -> s.scope() == null || s.scope() == channel);
		Decision d = suppressed ? new Decision.Deny(DenyReason.SUPPRESSED, "GDPR-07")
				: new Decision.Deny(DenyReason.NO_LEGAL_BASIS, "NOT_IN_BASE");
		return new EligibilityAnswer(d, null, false);
	}

	EligibilityPolicy policy(Tenant tenant) {
		return new EligibilityPolicy(tenant.clientWindowMonths(), consentProperties.refreshPeriod(), tenant.timeZone(),
				windows.windows(tenant.id()));
	}

	/** The message's purpose as the tenant declared it; purposes are never changed once defined, so they are cached. */
	Message message(TenantId tenant, Channel channel, String purposeKey) {
		if (channel == null) {
			throw new InvalidInputException("channel", "is required: SMS or EMAIL");
		}
		if (purposeKey == null || purposeKey.isBlank()) {
			throw new InvalidInputException("purpose", "is required: the key of one of the tenant's purposes");
		}
		String key = purposeKey.strip();
		Purpose purpose = purposeCache.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).get(key);
		if (purpose == null) {
			Map<String, Purpose> all = new ConcurrentHashMap<>();
			purposes.purposes(tenant).forEach(p -> all.put(p.key(), p));
			purposeCache.put(tenant, all);
			purpose = all.get(key);
			if (purpose == null) {
				throw new InvalidInputException(List.of(new FieldViolation("purpose",
						"'" + key + "' is not one of the tenant's purposes; define it with POST /api/v1/purposes")));
			}
		}
		return new Message(channel, key, purpose.kind(), purpose.similarProducts());
	}
}
