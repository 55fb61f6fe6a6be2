package org.optinel.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.optinel.core.FieldViolation;
import org.optinel.core.Ids;
import org.optinel.core.InvalidInputException;
import org.optinel.core.OptinelException;
import org.optinel.core.ProblemKind;
import org.optinel.core.TenantId;
import org.optinel.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's purposes and the notices shown for them. Notices are immutable: publishing a new text
 * for a purpose and language makes the next version, and nothing ever changes or deletes one, so a
 * notice that a consent refers to always reads as it was shown.
 */
@Service
public class PurposeManagement {

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

	private static final int MAX_NOTICE_LENGTH = 20_000;

	private final Purposes purposes;

	private final TenantManagement tenants;

	private final Ids ids;

	private final Clock clock;

	PurposeManagement(Purposes purposes, TenantManagement tenants, Ids ids, Clock clock) {
		this.purposes = purposes;
		this.tenants = tenants;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * Declares a purpose.
	 * @throws OptinelException 409 {@code duplicate-purpose} when the key is taken
	 */
	@Transactional
	public Purpose define(TenantId tenant, String key, String name, String description, PurposeKind kind,
			Boolean similarProducts) {
		tenants.require(tenant);
		List<FieldViolation> violations = new ArrayList<>();
		if (key == null || !KEY.matcher(key).matches()) {
			violations.add(new FieldViolation("key", "is required: 1 to 64 lower-case letters, digits, '_', '-' or '.', "
					+ "starting with a letter or digit (e.g. newsletter)"));
		}
		String trimmedName = name == null ? "" : name.strip();
		if (trimmedName.isEmpty() || trimmedName.length() > 200) {
			violations.add(new FieldViolation("name", "is required, 1 to 200 characters"));
		}
		String trimmedDescription = description == null || description.isBlank() ? null : description.strip();
		if (trimmedDescription != null && trimmedDescription.length() > 2000) {
			violations.add(new FieldViolation("description", "is longer than 2000 characters"));
		}
		if (kind == null) {
			violations.add(new FieldViolation("kind", "is required: MARKETING or TRANSACTIONAL"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Purpose purpose = new Purpose(tenant, key, trimmedName, trimmedDescription, kind,
				Boolean.TRUE.equals(similarProducts), now());
		if (!purposes.insert(purpose)) {
			throw new OptinelException(ProblemKind.CONFLICT, "duplicate-purpose", "Duplicate purpose",
					"A purpose with key '" + key + "' exists already; purposes are never redefined.").with("key", key);
		}
		return purpose;
	}

	@Transactional(readOnly = true)
	public List<Purpose> purposes(TenantId tenant) {
		return purposes.list(tenant);
	}

	/** A notice that was published, and whether this call published it (false: the same text was the latest version). */
	public record Published(Notice notice, boolean created) {
	}

	/**
	 * Publishes the text shown for a purpose in a language as its next version; the same text as
	 * the latest version publishes nothing and answers that version.
	 */
	@Transactional
	public Published publish(TenantId tenant, String purposeKey, String language, String text) {
		tenants.require(tenant);
		List<FieldViolation> violations = new ArrayList<>();
		String tag = languageTag(language, violations);
		if (text == null || text.isBlank()) {
			violations.add(new FieldViolation("text", "is required: the exact text shown to the person"));
		}
		else if (text.length() > MAX_NOTICE_LENGTH) {
			violations.add(new FieldViolation("text", "is longer than " + MAX_NOTICE_LENGTH + " characters"));
		}
		if (purposeKey == null || purposeKey.isBlank()) {
			violations.add(new FieldViolation("purpose", "is required: the key of a declared purpose"));
		}
		else if (purposes.find(tenant, purposeKey).isEmpty()) {
			violations.add(unknownPurpose(purposeKey));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		String sha256 = ConsentChain.sha256(text);
		Notice latest = purposes.latestNotice(tenant, purposeKey, tag).orElse(null);
		if (latest != null && latest.sha256().equals(sha256)) {
			return new Published(latest, false);
		}
		Notice notice = new Notice(ids.next(), tenant, purposeKey, tag, latest == null ? 1 : latest.version() + 1, text,
				sha256, now());
		if (!purposes.insert(notice)) {
			throw new OptinelException(ProblemKind.CONFLICT, "concurrent-notice", "Concurrent notice",
					"Another version of this notice was published at the same moment; read the notices and try again.");
		}
		return new Published(notice, true);
	}

	@Transactional(readOnly = true)
	public List<Notice> notices(TenantId tenant, String purpose) {
		return purposes.notices(tenant, purpose == null || purpose.isBlank() ? null : purpose);
	}

	static FieldViolation unknownPurpose(String key) {
		return new FieldViolation("purpose", "'" + key + "' is not a purpose of this tenant; declare it with POST /api/v1/purposes");
	}

	private static String languageTag(String language, List<FieldViolation> violations) {
		if (language == null || language.isBlank()) {
			violations.add(new FieldViolation("language", "is required: a language tag such as fr or en-GB"));
			return null;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(language.strip().replace('_', '-')).build();
			if (locale.getLanguage().isEmpty()) {
				throw new IllformedLocaleException("no language");
			}
			return locale.toLanguageTag();
		}
		catch (IllformedLocaleException e) {
			violations.add(new FieldViolation("language", "'" + language + "' is not a language tag such as fr or en-GB"));
			return null;
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}
}
