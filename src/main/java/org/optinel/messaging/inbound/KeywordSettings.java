package org.optinel.messaging.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.suppression.KeywordNormaliser;
import org.optinel.suppression.Keywords;

/**
 * A tenant's SMS keywords and what its opt-in words grant.
 *
 * <p>Invariants: every key of {@code optInGrants} is one of the opt-in words (normalised); each maps
 * to at least one grant with a purpose and a notice. An opt-in word without grants lifts nothing
 * (KW-02 wants a consent event, and a consent event wants a notice, GDPR-02).
 *
 * @param senderName the name replies sign with (EP-03, KW-03); the tenant's name when {@code null}
 */
public record KeywordSettings(Keywords keywords, Map<String, List<OptInGrant>> optInGrants, String senderName) {

	public static final int MAX_SENDER_NAME = 100;

	/** The defaults of KW-01..03; no opt-in word grants anything until the tenant says what. */
	public static final KeywordSettings DEFAULTS = new KeywordSettings(Keywords.DEFAULTS, Map.of(), null);

	public KeywordSettings {
		Objects.requireNonNull(keywords, "keywords");
		List<FieldViolation> violations = new ArrayList<>();
		Map<String, List<OptInGrant>> grants = new LinkedHashMap<>();
		if (optInGrants != null) {
			optInGrants.forEach((word, list) -> {
				String normalised = KeywordNormaliser.normalise(word);
				String field = "optInGrants." + word;
				if (!keywords.optIn().contains(normalised)) {
					violations.add(new FieldViolation(field, "'" + word + "' is not an opt-in word; opt-in words are "
							+ keywords.optIn()));
					return;
				}
				if (list == null || list.isEmpty()) {
					violations.add(new FieldViolation(field, "name at least one {purpose, noticeId}, or leave the word out"));
					return;
				}
				for (OptInGrant grant : list) {
					if (grant == null || blank(grant.purpose()) || blank(grant.noticeId())) {
						violations.add(new FieldViolation(field, "each grant needs a purpose and the noticeId of the text "
								+ "that told people what the word does (GDPR-02)"));
						return;
					}
				}
				grants.merge(normalised, List.copyOf(list), (a, b) -> {
					List<OptInGrant> both = new ArrayList<>(a);
					both.addAll(b);
					return List.copyOf(both);
				});
			});
		}
		if (senderName != null) {
			senderName = senderName.strip();
			if (senderName.isEmpty()) {
				senderName = null;
			}
			else if (senderName.length() > MAX_SENDER_NAME || senderName.chars().anyMatch(Character::isISOControl)) {
				violations.add(new FieldViolation("senderName", "must be one line of at most " + MAX_SENDER_NAME
						+ " characters"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		optInGrants = java.util.Collections.unmodifiableMap(grants);
	}

	/** What the opt-in word {@code keyword} (normalised) grants; empty when it grants nothing. */
	public List<OptInGrant> grantsOf(String keyword) {
		return optInGrants.getOrDefault(keyword, List.of());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
