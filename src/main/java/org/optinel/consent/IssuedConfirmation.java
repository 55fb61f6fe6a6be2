package org.optinel.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person needs to confirm a pending grant, issued once: the secret is shown here and
 * nowhere else, only its hash is kept. A grant recorded through the API is confirmed through the
 * API's caller, who delivers the secret (the confirmation link for email, the code by SMS); a
 * hosted form's grant is confirmed through the messages and pages Optinel sends itself.
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
