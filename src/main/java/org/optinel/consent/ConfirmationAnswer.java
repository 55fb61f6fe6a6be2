package org.optinel.consent;

import java.time.Instant;

/**
 * A person's answer to a confirmation request, as the caller sent it: the email token or the SMS
 * code, and where it came from (GDPR-02: the proof of the second step).
 *
 * @param occurredAt when the person confirmed; now when absent
 */
public record ConfirmationAnswer(String token, String code, String ip, String userAgent, Instant occurredAt) {

	/** The secret sent for {@code method}, or {@code null}. */
	String secretFor(ConfirmationMethod method) {
		String secret = method == ConfirmationMethod.EMAIL_TOKEN ? token : code;
		return secret == null || secret.isBlank() ? null : secret.strip();
	}
}
