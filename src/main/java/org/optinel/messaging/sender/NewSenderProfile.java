package org.optinel.messaging.sender;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.optinel.core.EmailAddress;
import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;
import org.optinel.core.PhoneNumbers;
import org.optinel.tenancy.Jurisdiction;
import org.optinel.tenancy.Tenant;

/**
 * A sender profile as a caller writes it: every field raw, any of them absent.
 * {@link #toProfile} checks them all at once and answers every fault together, or the profile.
 *
 * @param brand the sender's name in texts; absent: the tenant's name
 * @param smsSenderId a short code or an alphanumeric sender (FR-06); absent: none
 * @param smsOptOutMention the opt-out mention, literal (FR-05); absent: {@code STOP au <short code>}
 * when the sender or an inbound number is a short code, otherwise none
 * @param optOutMode {@code APPEND} (absent) or {@code REFUSE}
 * @param inboundNumbers short codes and phone numbers, in any usual form; national numbers are read
 * in the tenant's default region
 * @param smsCostPerSegment the price of one SMS segment, with {@code smsCostCurrency}; both or neither
 */
public record NewSenderProfile(String brand, String smsSenderId, String smsOptOutMention, String optOutMode,
		String emailFromAddress, String emailFromName, List<String> inboundNumbers, BigDecimal smsCostPerSegment,
		String smsCostCurrency) {

	public static final int MAX_BRAND = 50;

	public static final int MAX_MENTION = 60;

	public static final int MAX_EMAIL_FROM_NAME = 100;

	public static final int MAX_INBOUND_NUMBERS = 20;

	/** A short code as an inbound number: 4 to 6 digits, not starting with 0, spaces allowed. */
	private static final Pattern SHORT_CODE = Pattern.compile("[1-9](?:\\s?\\d){3,5}");

	/**
	 * The profile these fields make for {@code tenant}.
	 * @throws InvalidInputException listing every field at fault, with the rule it breaks where there is one
	 */
	public SenderProfile toProfile(Tenant tenant, PhoneNumbers phones) {
		List<FieldViolation> violations = new ArrayList<>();
		String brandValue = brand(tenant, violations);
		SmsSenderId sender = blank(smsSenderId) ? null : collect(violations, () -> SmsSenderId.parse(smsSenderId));
		OptOutMode mode = mode(violations);
		EmailAddress fromAddress = blank(emailFromAddress) ? null
				: collect(violations, () -> EmailAddress.parse(emailFromAddress, "emailFromAddress"));
		String fromName = fromName(violations);
		List<String> numbers = inboundNumbers(tenant, phones, violations);
		String mention = mention(tenant, sender, numbers, violations);
		Money cost = cost(violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new SenderProfile(brandValue, sender, mention, mode, fromAddress, fromName, numbers, cost);
	}

	private String brand(Tenant tenant, List<FieldViolation> violations) {
		String value = blank(brand) ? tenant.name().strip() : brand.strip();
		String origin = blank(brand) ? "the tenant's name '" + value + "', used when brand is absent," : "'" + value + "'";
		if (value.length() > MAX_BRAND) {
			violations.add(new FieldViolation("brand", origin + " is longer than " + MAX_BRAND + " characters: give "
					+ "the short name recipients know the sender by (EP-03)"));
		}
		else if (!oneLine(value) || !Phrases.hasLetterOrDigit(value)) {
			violations.add(new FieldViolation("brand", origin + " must be one line with at least one letter or digit: "
					+ "the name recipients know the sender by (EP-03)"));
		}
		return value;
	}

	private OptOutMode mode(List<FieldViolation> violations) {
		if (blank(optOutMode)) {
			return OptOutMode.APPEND;
		}
		try {
			return OptOutMode.valueOf(optOutMode.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			violations.add(new FieldViolation("optOutMode", "'" + optOutMode + "' is not one of "
					+ Arrays.toString(OptOutMode.values()) + ": APPEND adds a missing mention or brand to marketing "
					+ "SMS, REFUSE refuses them"));
			return OptOutMode.APPEND;
		}
	}

	private String fromName(List<FieldViolation> violations) {
		if (blank(emailFromName)) {
			return null;
		}
		String value = emailFromName.strip();
		if (value.length() > MAX_EMAIL_FROM_NAME || !oneLine(value)) {
			violations.add(new FieldViolation("emailFromName", "must be one line of at most " + MAX_EMAIL_FROM_NAME
					+ " characters, the name shown beside the address (EP-03)"));
		}
		return value;
	}

	private List<String> inboundNumbers(Tenant tenant, PhoneNumbers phones, List<FieldViolation> violations) {
		if (inboundNumbers == null) {
			return List.of();
		}
		if (inboundNumbers.size() > MAX_INBOUND_NUMBERS) {
			violations.add(new FieldViolation("inboundNumbers", "has " + inboundNumbers.size() + " numbers; at most "
					+ MAX_INBOUND_NUMBERS));
			return List.of();
		}
		Set<String> numbers = new LinkedHashSet<>();
		for (int i = 0; i < inboundNumbers.size(); i++) {
			String raw = inboundNumbers.get(i);
			String field = "inboundNumbers[" + i + "]";
			if (blank(raw)) {
				violations.add(new FieldViolation(field, "is empty; give a short code such as 36111 or a phone number"));
			}
			else if (SHORT_CODE.matcher(raw.strip()).matches()) {
				numbers.add(raw.replaceAll("\\s", ""));
			}
			else if (raw.strip().matches("\\d{1,3}")) {
				violations.add(new FieldViolation(field, "'" + raw.strip() + "' is too short: a short code has 4 to 6 "
						+ "digits"));
			}
			else {
				String number = collect(violations, () -> phones.parse(raw, tenant.defaultRegion(), field).e164());
				if (number != null) {
					numbers.add(number);
				}
			}
		}
		return List.copyOf(numbers);
	}

	private String mention(Tenant tenant, SmsSenderId sender, List<String> numbers, List<FieldViolation> violations) {
		if (blank(smsOptOutMention)) {
			// Where STOP replies are routed: the sending short code if replies to it reach this tenant,
			// else the first short code they do reach.
			String senderCode = sender != null && sender.isShortCode() ? sender.value() : null;
			String shortCode = numbers.isEmpty() || (senderCode != null && numbers.contains(senderCode)) ? senderCode
					: numbers.stream().filter(n -> !n.startsWith("+")).findFirst().orElse(null);
			if (shortCode == null) {
				return null;
			}
			return tenant.jurisdiction() == Jurisdiction.FR ? "STOP au " + shortCode : "Reply STOP to " + shortCode;
		}
		String value = smsOptOutMention.strip();
		String quoted = "'" + value + "'";
		if (value.length() > MAX_MENTION || !oneLine(value)) {
			violations.add(new FieldViolation("smsOptOutMention", "must be one line of at most " + MAX_MENTION
					+ " characters, such as 'STOP au 36111' (FR-05)"));
		}
		else if (value.contains("{") || value.contains("}")) {
			violations.add(new FieldViolation("smsOptOutMention", quoted + " holds a placeholder, which is not filled "
					+ "in: write the mention as recipients will read it, such as 'STOP au 36111' (FR-05)"));
		}
		else if (!Phrases.carries(value, "STOP")) {
			violations.add(new FieldViolation("smsOptOutMention", quoted + " must hold the word STOP, the opt-out "
					+ "keyword every recipient may send, such as 'STOP au 36111' (FR-05, KW-01)"));
		}
		else {
			String digits = value.replaceAll("\\D", "");
			if (digits.isEmpty() && sender != null && sender.isAlphanumeric()) {
				violations.add(new FieldViolation("smsOptOutMention", quoted + " does not say where to send STOP, and "
						+ "recipients cannot reply to the alphanumeric sender '" + sender + "': name the number, such "
						+ "as 'STOP au 36111' (FR-05)"));
			}
			else if (SHORT_CODE.matcher(digits).matches() && !numbers.isEmpty() && !numbers.contains(digits)) {
				violations.add(new FieldViolation("smsOptOutMention", quoted + " sends STOP to " + digits + ", which is "
						+ "not one of inboundNumbers " + numbers + ": those replies would not reach this tenant; add it "
						+ "to inboundNumbers (FR-05, KW-01)"));
			}
		}
		return value;
	}

	private Money cost(List<FieldViolation> violations) {
		if (smsCostPerSegment == null && blank(smsCostCurrency)) {
			return null;
		}
		if (smsCostPerSegment == null) {
			violations.add(new FieldViolation("smsCostPerSegment.amount", "is required with a currency: the price of "
					+ "one SMS segment, such as 0.045"));
			return null;
		}
		boolean valid = true;
		if (smsCostPerSegment.signum() < 0 || smsCostPerSegment.stripTrailingZeros().scale() > Money.MAX_SCALE) {
			violations.add(new FieldViolation("smsCostPerSegment.amount", smsCostPerSegment.toPlainString() + " must be "
					+ "zero or more with at most " + Money.MAX_SCALE + " decimal places, such as 0.045"));
			valid = false;
		}
		String currency = blank(smsCostCurrency) ? "" : smsCostCurrency.strip().toUpperCase(Locale.ROOT);
		if (currency.isEmpty()) {
			violations.add(new FieldViolation("smsCostPerSegment.currency", "is required: an ISO 4217 code such as EUR"));
			valid = false;
		}
		else if (!isCurrency(currency)) {
			violations.add(new FieldViolation("smsCostPerSegment.currency", "'" + smsCostCurrency + "' is not an ISO "
					+ "4217 currency code such as EUR"));
			valid = false;
		}
		return valid ? new Money(smsCostPerSegment, currency) : null;
	}

	private static boolean isCurrency(String code) {
		try {
			Currency.getInstance(code);
			return code.matches("[A-Z]{3}");
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** The value {@code parse} makes, or {@code null} with its faults added to {@code violations}. */
	private static <T> T collect(List<FieldViolation> violations, Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (InvalidInputException e) {
			violations.addAll(e.violations());
			return null;
		}
	}

	private static boolean oneLine(String value) {
		return value.codePoints().noneMatch(Character::isISOControl);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
