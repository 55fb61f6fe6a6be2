package org.optinel.messaging.sender;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.optinel.core.FieldViolation;
import org.optinel.core.InvalidInputException;

/**
 * The content rules of an email, applied under a tenant's sender profile: a subject on one line
 * (a line break would forge headers), and for marketing a {@code From} that names the sender,
 * address and display name (EP-03). The unsubscribe link and headers are added by the sender for
 * every marketing email (EM-01), so a template need not and should not carry its own.
 *
 * <p>Pure and thread-safe.
 */
public final class EmailContent {

	public static final int MAX_SUBJECT = 255;

	private EmailContent() {
	}

	/**
	 * The sender and subject of an email with {@code subject} under {@code profile}.
	 * @throws InvalidInputException naming {@code subject}, or the profile's {@code emailFromAddress}
	 * or {@code emailFromName} when a marketing email cannot be sent until they are set
	 */
	public static PreparedEmail prepare(SenderProfile profile, String subject, boolean marketing) {
		Objects.requireNonNull(profile, "profile");
		List<FieldViolation> violations = new ArrayList<>();
		if (subject == null || subject.isBlank()) {
			violations.add(new FieldViolation("subject", "is empty: give the subject line"));
		}
		else if (subject.codePoints().anyMatch(Character::isISOControl)) {
			violations.add(new FieldViolation("subject", "must be one line without control characters"));
		}
		else if (subject.strip().length() > MAX_SUBJECT) {
			violations.add(new FieldViolation("subject", "is " + subject.strip().length() + " characters long; at most "
					+ MAX_SUBJECT));
		}
		if (marketing && profile.emailFromAddress() == null) {
			violations.add(new FieldViolation("emailFromAddress", "is not set: marketing email names its sender; set "
					+ "emailFromAddress with PUT /api/v1/messaging/sender (EP-03)"));
		}
		if (marketing && profile.emailFromName() == null) {
			violations.add(new FieldViolation("emailFromName", "is not set: marketing email names its sender; set "
					+ "emailFromName with PUT /api/v1/messaging/sender (EP-03)"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new PreparedEmail(profile.emailFromAddress(), profile.emailFromName(), subject.strip());
	}
}
