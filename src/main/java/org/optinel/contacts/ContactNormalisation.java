package org.optinel.contacts;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PhoneNumber;
import org.optinel.core.PhoneNumbers;

import org.springframework.stereotype.Component;

/**
 * The rules for each contact field, shared by the API and the import: each method returns the
 * stored form or adds a violation that names the field and what to fix.
 */
@Component
public class ContactNormalisation {

	static final int MAX_TEXT = 200;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final PhoneNumbers phones;

	ContactNormalisation(PhoneNumbers phones) {
		this.phones = phones;
	}

	public PhoneNumber phone(String raw, String region, String field, List<FieldViolation> violations) {
		if (blank(raw)) {
			return null;
		}
		try {
			return phones.parse(raw, region, field);
		}
		catch (InvalidInputException e) {
			violations.addAll(e.violations());
			return null;
		}
	}

	public EmailAddress email(String raw, String field, List<FieldViolation> violations) {
		if (blank(raw)) {
			return null;
		}
		try {
			return EmailAddress.parse(raw, field);
		}
		catch (InvalidInputException e) {
			violations.addAll(e.violations());
			return null;
		}
	}

	public String text(String raw, String field, List<FieldViolation> violations) {
		if (blank(raw)) {
			return null;
		}
		String value = raw.strip();
		if (value.length() > MAX_TEXT) {
			violations.add(new FieldViolation(field, "is longer than " + MAX_TEXT + " characters"));
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				violations.add(new FieldViolation(field, "contains control characters"));
				return null;
			}
		}
		return value;
	}

	/** A BCP 47 language tag such as {@code fr} or {@code fr-FR}, in its canonical form. */
	public String locale(String raw, String field, List<FieldViolation> violations) {
		if (blank(raw)) {
			return null;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(raw.strip().replace('_', '-')).build();
			if (locale.getLanguage().isEmpty()) {
				throw new IllformedLocaleException("no language");
			}
			return locale.toLanguageTag();
		}
		catch (IllformedLocaleException e) {
			violations.add(new FieldViolation(field, "'" + raw + "' is not a language tag (e.g. fr or fr-FR)"));
			return null;
		}
	}

	/** An ISO 3166 alpha-2 country code, upper case. */
	public String country(String raw, String field, List<FieldViolation> violations) {
		if (blank(raw)) {
			return null;
		}
		String code = raw.strip().toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(code)) {
			violations.add(new FieldViolation(field, "'" + raw + "' is not an ISO 3166 alpha-2 country code (e.g. FR)"));
			return null;
		}
		return code;
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
