package org.optinel.core;

import java.util.List;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

/**
 * Turns phone numbers as people type them into E.164, with libphonenumber as the judge.
 *
 * <p>French numbers get two extras. First, a fast path for the common written forms of a French
 * mobile ({@code 06 12 34 56 78}, {@code +33 6 12 34 56 78}, {@code 0033612345678},
 * {@code +33 (0)6 12 34 56 78}): the digits are picked out by hand and checked against
 * libphonenumber's own French mobile pattern, which skips its parser and its walk through every
 * number type, the main cost of a bulk import. Anything else takes the full path. Second, with the French
 * default region, a national number that is not a valid metropolitan number is tried in the
 * overseas departments and collectivities that share the French numbering plan, because that is
 * how French people write them: {@code 0692 12 34 56} is a Réunion mobile, {@code +262692123456}.
 * Collectivities with their own plan (New Caledonia +687, French Polynesia +689, Wallis and Futuna
 * +681) must be written in international form.
 *
 * <p>Thread-safe.
 */
public final class PhoneNumbers {

	/** Regions that share the French national plan (dialled with a leading 0 from France). */
	private static final List<String> FRENCH_PLAN_OVERSEAS = List.of("RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM");

	/**
	 * The department each overseas prefix of the French plan is assigned to (ARCEP): mobiles 0639,
	 * 0690-0697 and the geographic 02 62/63/69, 05 08/90/94/96.
	 */
	private static final java.util.Map<String, String> ARCEP_PREFIXES = java.util.Map.ofEntries(
			java.util.Map.entry("0639", "YT"), java.util.Map.entry("0269", "YT"), java.util.Map.entry("0690", "GP"),
			java.util.Map.entry("0691", "GP"), java.util.Map.entry("0590", "GP"), java.util.Map.entry("0692", "RE"),
			java.util.Map.entry("0693", "RE"), java.util.Map.entry("0262", "RE"), java.util.Map.entry("0263", "RE"),
			java.util.Map.entry("0694", "GF"), java.util.Map.entry("0594", "GF"), java.util.Map.entry("0696", "MQ"),
			java.util.Map.entry("0697", "MQ"), java.util.Map.entry("0596", "MQ"), java.util.Map.entry("0508", "PM"));

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	/** libphonenumber's own patterns for a French number and a French mobile, compiled once. */
	private final FrenchMobiles frenchMobiles = new FrenchMobiles();

	/**
	 * The E.164 form of {@code raw}, read in {@code defaultRegion} (ISO 3166 alpha-2) when it has
	 * no country code.
	 * @throws InvalidInputException naming {@code field} and why the number is not acceptable
	 */
	public PhoneNumber parse(String raw, String defaultRegion, String field) {
		String trimmed = raw == null ? "" : raw.strip();
		if (trimmed.isEmpty()) {
			throw new InvalidInputException(field, "is empty; give a phone number such as +33612345678");
		}
		String fast = frenchFastPath(trimmed, defaultRegion);
		if (fast != null) {
			return new PhoneNumber(fast);
		}
		Phonenumber.PhoneNumber parsed;
		try {
			parsed = util.parse(trimmed, defaultRegion);
		}
		catch (NumberParseException e) {
			throw new InvalidInputException(field, "'" + trimmed + "' is not a phone number (" + describe(e) + ")");
		}
		if (util.isValidNumber(parsed)) {
			return new PhoneNumber(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		if ("FR".equals(defaultRegion) && isNational(trimmed)) {
			List<String> regions = new java.util.ArrayList<>(FRENCH_PLAN_OVERSEAS);
			String assigned = ARCEP_PREFIXES.get(digitsOf(trimmed, 4));
			if (assigned != null) {
				// libphonenumber's ranges overlap between departments (0694 1x is valid in Guadeloupe and
				// in Guyane); the national plan's own assignment of the prefix decides first.
				regions.remove(assigned);
				regions.add(0, assigned);
			}
			for (String region : regions) {
				try {
					Phonenumber.PhoneNumber overseas = util.parse(trimmed, region);
					if (util.isValidNumberForRegion(overseas, region)) {
						return new PhoneNumber(util.format(overseas, PhoneNumberUtil.PhoneNumberFormat.E164));
					}
				}
				catch (NumberParseException ignored) {
					// same digits failed in FR already; try the next region
				}
			}
		}
		throw new InvalidInputException(field, "'" + trimmed + "' is not a valid number " + reason(parsed, defaultRegion));
	}

	private String reason(Phonenumber.PhoneNumber parsed, String defaultRegion) {
		ValidationResult possible = util.isPossibleNumberWithReason(parsed);
		switch (possible) {
			case TOO_SHORT:
				return "(too few digits)";
			case TOO_LONG:
				return "(too many digits)";
			case INVALID_COUNTRY_CODE:
				return "(unknown country code)";
			case INVALID_LENGTH:
				return "(wrong number of digits for its country)";
			default:
				String region = util.getRegionCodeForNumber(parsed);
				return "(no such number range" + (region == null ? " for country code +" + parsed.getCountryCode()
						: " in " + region) + "; default region is " + defaultRegion + ")";
		}
	}

	private static String describe(NumberParseException e) {
		switch (e.getErrorType()) {
			case INVALID_COUNTRY_CODE:
				return "unknown country code";
			case NOT_A_NUMBER:
				return "not a number";
			case TOO_SHORT_AFTER_IDD:
			case TOO_SHORT_NSN:
				return "too few digits";
			case TOO_LONG:
				return "too many digits";
			default:
				return e.getErrorType().name();
		}
	}

	/** The first {@code count} digits of {@code raw}, ignoring separators. */
	private static String digitsOf(String raw, int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < raw.length() && digits.length() < count; i++) {
			if (Character.isDigit(raw.charAt(i))) {
				digits.append(raw.charAt(i));
			}
		}
		return digits.toString();
	}

	private static boolean isNational(String raw) {
		return raw.charAt(0) == '0' && !raw.startsWith("00");
	}

	/**
	 * E.164 of a French number in one of its usual written forms, when libphonenumber confirms it is
	 * valid in metropolitan France; {@code null} sends the number down the full path.
	 */
	String frenchFastPath(String raw, String defaultRegion) {
		char[] digits = new char[16];
		int count = 0;
		boolean plus = false;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				if (count == digits.length) {
					return null;
				}
				digits[count++] = c;
			}
			else if (c == '+' && i == 0) {
				plus = true;
			}
			else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '\u00a0') {
				return null;
			}
		}
		String all = new String(digits, 0, count);
		String nsn;
		if (plus && all.startsWith("33")) {
			nsn = all.substring(2);
		}
		else if (!plus && all.startsWith("0033")) {
			nsn = all.substring(4);
		}
		else if (!plus && "FR".equals(defaultRegion) && count == 10 && all.charAt(0) == '0') {
			nsn = all.substring(1);
		}
		else {
			return null;
		}
		if (nsn.length() == 10 && nsn.charAt(0) == '0') {
			nsn = nsn.substring(1); // "+33 (0)6 ..." keeps the trunk prefix in brackets
		}
		if (nsn.length() != 9 || nsn.charAt(0) == '0') {
			return null;
		}
		return frenchMobiles.matches(nsn) ? "+33" + nsn : null;
	}

	/**
	 * The test libphonenumber applies to a French mobile, made directly: the national number matches
	 * the region's general pattern and the mobile pattern, at a possible length. A number that passes
	 * is one {@code isValidNumberForRegion(..., "FR")} accepts; one that fails takes the full path.
	 */
	private static final class FrenchMobiles {

		private final Pattern general;

		private final Pattern mobile;

		private final List<Integer> lengths;

		FrenchMobiles() {
			Phonemetadata.PhoneMetadata france = DefaultMetadataDependenciesProvider.getInstance()
				.getPhoneNumberMetadataSource()
				.getMetadataForRegion("FR");
			general = Pattern.compile(france.getGeneralDesc().getNationalNumberPattern());
			mobile = Pattern.compile(france.getMobile().getNationalNumberPattern());
			lengths = france.getMobile().getPossibleLengthList().isEmpty()
					? france.getGeneralDesc().getPossibleLengthList() : france.getMobile().getPossibleLengthList();
		}

		boolean matches(String nsn) {
			return lengths.contains(nsn.length()) && mobile.matcher(nsn).matches() && general.matcher(nsn).matches();
		}
	}
}
