package org.optinel.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person needs to confirm a pending grant, issued once: the secret is shown here and
 * nowhere else, only its hash is kept. The caller delivers it (the confirmation link for email,
 * the code by SMS) until Optinel sends its own messages.
 *
 * @param eventId the pending grant, which the confirmation names
 * @param secret the email token or the six-digit SMS code
 */
public record IssuedConfirmation(String eventId, ConfirmationMethod method, String secret, Instant expiresAt,
		int maxAttempts) {

	public IssuedConfirmation {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(secret, "secret");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}
}
