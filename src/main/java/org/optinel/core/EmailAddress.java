package org.optinel.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address, trimmed, as the person gave it; {@link #key()} is its lower-cased form, the
 * one used for comparison and uniqueness (addresses are compared case-insensitively).
 */
public record EmailAddress(String value) {

	/**
	 * A pragmatic check, not RFC 5322 in full: one {@code @}, a dot-atom local part, and a domain
	 * of labels with a dot. What it refuses is, in practice, a typo.
	 */
	private static final Pattern SHAPE = Pattern.compile(
			"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
					+ "@(?:[A-Za-z0-9\\p{L}](?:[A-Za-z0-9\\p{L}-]{0,61}[A-Za-z0-9\\p{L}])?\\.)+[A-Za-z\\p{L}]{2,63}");

	public EmailAddress {
		Objects.requireNonNull(value, "value");
	}

	/**
	 * @throws InvalidInputException naming {@code field} when {@code raw} is not an address
	 */
	public static EmailAddress parse(String raw, String field) {
		String trimmed = raw == null ? "" : raw.strip();
		if (trimmed.isEmpty()) {
			throw new InvalidInputException(field, "is empty; give an address such as jeanne@example.fr");
		}
		if (trimmed.length() > 254) {
			throw new InvalidInputException(field, "is longer than 254 characters");
		}
		if (!SHAPE.matcher(trimmed).matches()) {
			throw new InvalidInputException(field, "'" + trimmed + "' is not an email address (expected name@domain.tld)");
		}
		return new EmailAddress(trimmed);
	}

	/** The comparison key: the whole address in lower case. */
	public String key() {
		return value.toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return value;
	}
}
