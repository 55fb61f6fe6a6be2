package org.optinel.suppression;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.optinel.core.Channel;
import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.PhoneNumbers;
import org.optinel.core.TenantId;
import org.optinel.suppression.persistence.Suppressions;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.Tenant;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list as API clients and administrators use it: with phones and emails as people
 * write them (phones read in the tenant's default region), never with hashes. Adds, checks, counts
 * and brings in existing opt-out lists; it can neither remove nor lift an entry (KW-02).
 */
@Service
public class SuppressionManagement {

	private final SuppressionList list;

	private final Suppressions suppressions;

	private final TenantManagement tenants;

	private final PhoneNumbers phones;

	private final IdentifierHashing hashing;

	private final Ids ids;

	private final Clock clock;

	SuppressionManagement(SuppressionList list, Suppressions suppressions, TenantManagement tenants, PhoneNumbers phones,
			IdentifierHashing hashing, Ids ids, Clock clock) {
		this.list = list;
		this.suppressions = suppressions;
		this.tenants = tenants;
		this.phones = phones;
		this.hashing = hashing;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * Puts a phone or an email (exactly one) on the list for {@code scope} ({@code null}: all
	 * channels). Idempotent: when it is on the list for that scope already, the entry is answered
	 * unchanged.
	 * @throws InvalidInputException when neither or both are given, the phone does not parse or the
	 *         email is malformed, or the reason is missing; nothing is written then
	 */
	@Transactional
	public SuppressionList.Added add(TenantId tenantId, String phone, String email, Channel scope,
			SuppressionReason reason, Map<String, ?> evidence) {
		Tenant tenant = tenants.require(tenantId);
		List<FieldViolation> violations = new ArrayList<>();
		if (reason == null) {
			violations.add(new FieldViolation("reason", "is required: one of " + List.of(SuppressionReason.values())));
		}
		Identifier identifier = identifier(tenant, phone, email, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return list.add(tenantId, identifier.hash, identifier.kind, scope, reason, evidence);
	}

	/**
	 * Whether a phone or an email (exactly one) is on the list, channel by channel.
	 * @throws InvalidInputException when neither or both are given, or the one given does not parse
	 */
	@Transactional(readOnly = true)
	public SuppressionStatus check(TenantId tenantId, String phone, String email) {
		Tenant tenant = tenants.require(tenantId);
		List<FieldViolation> violations = new ArrayList<>();
		Identifier identifier = identifier(tenant, phone, email, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return status(identifier.hash, suppressions.active(tenantId, identifier.hash));
	}

	/** The active entries of a hash, channel by channel. */
	@Transactional(readOnly = true)
	public SuppressionStatus checkHash(TenantId tenantId, String identifierHash) {
		tenants.require(tenantId);
		return status(identifierHash, suppressions.active(tenantId, identifierHash));
	}

	private static SuppressionStatus status(String hash, List<Suppression> active) {
		List<SuppressionStatus.ChannelStatus> channels = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			Suppression first = active.stream()
				.filter(s -> s.covers(channel))
				.min(Comparator.comparing(Suppression::createdAt))
				.orElse(null);
			channels.add(first == null ? new SuppressionStatus.ChannelStatus(channel, false, null, null, null)
					: new SuppressionStatus.ChannelStatus(channel, true, first.scopeName(), first.reason(),
							first.createdAt()));
		}
		return new SuppressionStatus(hash, !active.isEmpty(), channels);
	}

	/** The active entries, counted by reason, by scope, and by both. */
	@Transactional(readOnly = true)
	public SuppressionCounts counts(TenantId tenantId) {
		tenants.require(tenantId);
		Map<SuppressionReason, Long> byReason = new EnumMap<>(SuppressionReason.class);
		Map<String, Long> byChannel = new LinkedHashMap<>();
		for (Channel channel : Channel.values()) {
			byChannel.put(channel.name(), 0L);
		}
		byChannel.put(Suppression.ALL, 0L);
		List<SuppressionCounts.Count> both = new ArrayList<>();
		long total = 0;
		for (Suppressions.Count count : suppressions.counts(tenantId)) {
			String scope = Suppression.scopeName(count.scope());
			byReason.merge(count.reason(), count.count(), Long::sum);
			byChannel.merge(scope, count.count(), Long::sum);
			both.add(new SuppressionCounts.Count(count.reason(), scope, count.count()));
			total += count.count();
		}
		return new SuppressionCounts(total, byReason, byChannel, both);
	}

	/**
	 * Brings in an existing opt-out list: each valid line puts its phone, its email, or both on the
	 * list, in one transaction of batched statements. Lines are accepted or refused one by one; a
	 * refused line writes nothing. Nothing already on the list is changed, and nothing is ever
	 * removed or lifted.
	 * @param source where the list comes from (file name, system), kept in each entry's evidence
	 */
	@Transactional
	public OptOutListResult addList(TenantId tenantId, List<OptOutLine> lines, String importId, String source) {
		Tenant tenant = tenants.require(tenantId);
		IdentifierHashing.Hasher hasher = hashing.hasher(tenantId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Map<Suppressions.Key, Suppression> entries = new LinkedHashMap<>();
		List<OptOutListResult.Rejection> rejections = new ArrayList<>();
		long rejected = 0;
		long duplicates = 0;
		String evidence = evidence(importId, source);
		for (OptOutLine line : lines) {
			List<FieldViolation> violations = new ArrayList<>(0);
			Channel scope = scope(line.channel(), violations);
			SuppressionReason reason = reason(line.reason(), violations);
			PhoneNumber phone = blank(line.phone()) ? null : parsePhone(line.phone(), tenant, violations);
			EmailAddress email = blank(line.email()) ? null : parseEmail(line.email(), violations);
			if (blank(line.phone()) && blank(line.email())) {
				violations.add(new FieldViolation("", "has neither a phone nor an email"));
			}
			if (!violations.isEmpty()) {
				rejected++;
				for (FieldViolation v : violations) {
					if (rejections.size() < OptOutListResult.MAX_REJECTIONS_LISTED) {
						rejections.add(new OptOutListResult.Rejection(line.line(), v.field(), v.message()));
					}
				}
				continue;
			}
			if (phone != null) {
				duplicates += put(entries, new Suppression(tenantId, hasher.phone(phone.e164()), scope, IdentifierKind.PHONE,
						reason, evidence, now, null));
			}
			if (email != null) {
				duplicates += put(entries, new Suppression(tenantId, hasher.emailKey(email.key()), scope,
						IdentifierKind.EMAIL, reason, evidence, now, null));
			}
		}
		List<Suppression> distinct = new ArrayList<>(entries.values());
		boolean[] added = list.addAll(distinct);
		long addedCount = 0;
		for (boolean a : added) {
			if (a) {
				addedCount++;
			}
		}
		return new OptOutListResult(lines.size(), addedCount, distinct.size() - addedCount, duplicates, rejected,
				rejections);
	}

	/** A new id for a bulk import of an opt-out list, named in each entry's evidence. */
	public String newImportId() {
		return ids.next();
	}

	private static int put(Map<Suppressions.Key, Suppression> entries, Suppression entry) {
		return entries.putIfAbsent(new Suppressions.Key(entry.identifierHash(), entry.scope()), entry) == null ? 0 : 1;
	}

	private static String evidence(String importId, String source) {
		return "{\"importId\":\"" + importId + "\",\"source\":" + quote(source) + "}";
	}

	private static String quote(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private Identifier identifier(Tenant tenant, String phone, String email, List<FieldViolation> violations) {
		if (blank(phone) && blank(email)) {
			violations.add(new FieldViolation("phone", "give a phone or an email"));
			violations.add(new FieldViolation("email", "give a phone or an email"));
			return null;
		}
		if (!blank(phone) && !blank(email)) {
			violations.add(new FieldViolation("email", "give a phone or an email, not both: each is its own entry"));
			return null;
		}
		if (!blank(phone)) {
			PhoneNumber number = parsePhone(phone, tenant, violations);
			return number == null ? null : new Identifier(hashing.phone(tenant.id(), number), IdentifierKind.PHONE);
		}
		EmailAddress address = parseEmail(email, violations);
		return address == null ? null : new Identifier(hashing.email(tenant.id(), address), IdentifierKind.EMAIL);
	}

	private PhoneNumber parsePhone(String raw, Tenant tenant, List<FieldViolation> violations) {
		try {
			return phones.parse(raw, tenant.defaultRegion(), "phone");
		}
		catch (InvalidInputException e) {
			violations.addAll(e.violations());
			return null;
		}
	}

	private static EmailAddress parseEmail(String raw, List<FieldViolation> violations) {
		try {
			return EmailAddress.parse(raw, "email");
		}
		catch (InvalidInputException e) {
			violations.addAll(e.violations());
			return null;
		}
	}

	/** {@code SMS}, {@code EMAIL}, or all channels for {@code ALL} or nothing. */
	private static Channel scope(String raw, List<FieldViolation> violations) {
		if (blank(raw) || raw.strip().equalsIgnoreCase(Suppression.ALL)) {
			return null;
		}
		try {
			return Channel.valueOf(raw.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			violations.add(new FieldViolation("channel", "'" + raw.strip() + "' is not a channel (SMS, EMAIL, or ALL or "
					+ "empty for all channels)"));
			return null;
		}
	}

	private static SuppressionReason reason(String raw, List<FieldViolation> violations) {
		if (blank(raw)) {
			return SuppressionReason.IMPORT;
		}
		try {
			return SuppressionReason.valueOf(raw.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			violations.add(new FieldViolation("reason", "'" + raw.strip() + "' is not a reason (one of "
					+ List.of(SuppressionReason.values()) + ", or empty for IMPORT)"));
			return null;
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private record Identifier(String hash, IdentifierKind kind) {
	}
}
