package org.optinel.messaging.sender;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.optinel.core.InvalidInputException;

/**
 * What recipients see as the sender of an SMS: a short code of 4 to 6 digits, or an alphanumeric
 * sender of 3 to 11 characters with at least one letter. Never a phone number (FR-06): neither a
 * French mobile (06, 07, +33 6, +33 7, 33 6, 33 7, 0033 6...) nor any other number in national
 * or international form, nor a sender that hides one among letters.
 *
 * <p>An alphanumeric sender may hold the letters A to Z in either case, digits, space, {@code -}
 * and {@code .}: the set that SMSCs and operators commonly pass unchanged, so {@code ACME-SHOP},
 * {@code Acme Shop} and {@code ACME.FR} are accepted. Accented letters are GSM characters but
 * several networks drop or replace them in a sender, and other symbols ({@code _ & ! '}) are
 * refused by some: the recipient would not see what was set here, so they are refused.
 *
 * <p>A short code never starts with 0 (a digit string that does is a national phone number). A
 * short code written with spaces ({@code 36 111}) is kept as its digits.
 *
 * @param value the sender as sent: the short code's digits, or the alphanumeric sender as written
 */
public record SmsSenderId(String value) {

	/** The field that names a sender id in requests and in problems. */
	public static final String FIELD = "smsSenderId";

	public static final int MIN_ALPHANUMERIC = 3;

	public static final int MAX_ALPHANUMERIC = 11;

	/** What may separate the digits of a number as people write it. */
	private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()/+]");

	/** A French mobile, once separators and the plus are gone: 06/07, 336/337, 00336/00337, 33 (0)6. */
	private static final Pattern FRENCH_MOBILE = Pattern.compile("(?:0|330?|00330?)[67]\\d{8}");

	/** Seven digits or more, possibly spaced or dotted: a phone number among letters. */
	private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ .\\-]*\\d){6,}");

	private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9 .\\-]+");

	public SmsSenderId {
		Objects.requireNonNull(value, "value");
		String problem = problemWith(value);
		if (problem != null) {
			throw new InvalidInputException(FIELD, problem);
		}
	}

	/**
	 * The sender id {@code raw} stands for, surrounding spaces dropped.
	 * @throws InvalidInputException naming {@value #FIELD} and what to fix
	 */
	public static SmsSenderId parse(String raw) {
		String candidate = raw == null ? "" : raw.strip();
		String problem = problemWith(candidate);
		if (problem != null) {
			throw new InvalidInputException(FIELD, problem);
		}
		return new SmsSenderId(isNumeric(candidate) ? digitsOf(candidate) : candidate);
	}

	/** Whether this is a short code (digits only), to which recipients can reply. */
	public boolean isShortCode() {
		return isNumeric(value);
	}

	/** Whether this is an alphanumeric sender, to which recipients cannot reply. */
	public boolean isAlphanumeric() {
		return !isShortCode();
	}

	@Override
	public String toString() {
		return value;
	}

	/** What is wrong with {@code candidate} (already stripped) as a sender id, or {@code null}. */
	private static String problemWith(String candidate) {
		if (candidate.isEmpty()) {
			return "is empty; give a short code such as 36111 or an alphanumeric sender such as ACME (FR-06)";
		}
		String quoted = "'" + candidate + "'";
		if (isNumeric(candidate)) {
			String digits = digitsOf(candidate);
			if (FRENCH_MOBILE.matcher(digits).matches()) {
				return quoted + " is a French mobile number (06/07): marketing SMS may not be sent from one; use a "
						+ "short code such as 36111 or an alphanumeric sender such as ACME (FR-06)";
			}
			if (candidate.startsWith("+") || digits.startsWith("00")) {
				return quoted + " is a phone number in international form: marketing SMS are sent from a short code "
						+ "or an alphanumeric sender, never from a phone number (FR-06)";
			}
			if (digits.length() > 6) {
				return quoted + " looks like a phone number (" + digits.length() + " digits): a short code has 4 to 6 "
						+ "digits; otherwise use an alphanumeric sender such as ACME (FR-06)";
			}
			if (digits.length() < 4) {
				return quoted + " is too short for a short code (4 to 6 digits); an alphanumeric sender has "
						+ MIN_ALPHANUMERIC + " to " + MAX_ALPHANUMERIC + " characters with at least one letter";
			}
			if (digits.charAt(0) == '0') {
				return quoted + " starts with 0 like a national phone number; a short code does not (FR-06)";
			}
			return null;
		}
		Matcher run = DIGIT_RUN.matcher(candidate);
		if (run.find()) {
			return quoted + " holds what looks like a phone number ('" + run.group() + "'): marketing SMS may not "
					+ "show one as their sender (FR-06)";
		}
		if (candidate.length() < MIN_ALPHANUMERIC || candidate.length() > MAX_ALPHANUMERIC) {
			return quoted + " has " + candidate.length() + " characters; an alphanumeric sender has " + MIN_ALPHANUMERIC
					+ " to " + MAX_ALPHANUMERIC + " (FR-06)";
		}
		if (!ALPHANUMERIC.matcher(candidate).matches()) {
			int bad = candidate.codePoints()
				.filter(c -> !ALPHANUMERIC.matcher(new String(Character.toChars(c))).matches())
				.findFirst()
				.getAsInt();
			return quoted + " holds '" + new String(Character.toChars(bad)) + "', which networks may refuse or "
					+ "replace in a sender: use the letters A to Z without accents, digits, space, '-' and '.'";
		}
		if (candidate.chars().noneMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
			return quoted + " needs at least one letter to be an alphanumeric sender (FR-06)";
		}
		return null;
	}

	/** Digits, possibly with separators or a leading plus, and at least one digit. */
	private static boolean isNumeric(String candidate) {
		String digits = digitsOf(candidate);
		return !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
	}

	private static String digitsOf(String candidate) {
		return SEPARATORS.matcher(candidate).replaceAll("");
	}
}
