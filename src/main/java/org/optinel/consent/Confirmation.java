package org.optinel.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * The stored confirmation of a pending grant: the salted SHA-256 of its secret, never the secret,
 * the failed attempts so far, and the confirming event once there is one. A confirmation is used
 * once; after its expiry or {@code maxAttempts} failures it confirms nothing.
 *
 * @param eventId the pending grant's event id
 * @param confirmedBy the event id of the grant that confirmed it, {@code null} while it is open
 */
public record Confirmation(TenantId tenant, String eventId, ConfirmationMethod method, String salt,
		String secretSha256, int attempts, Instant createdAt, Instant expiresAt, String confirmedBy) {

	public Confirmation {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(salt, "salt");
		Objects.requireNonNull(secretSha256, "secretSha256");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

	/** The hash stored for {@code secret} with {@code salt}. */
	static String hash(String salt, String secret) {
		return ConsentChain.sha256(salt + ":" + secret);
	}

	/** Whether {@code secret} is this confirmation's, compared in constant time. */
	boolean matches(String secret) {
		return secret != null && MessageDigest.isEqual(hash(salt, secret.strip()).getBytes(StandardCharsets.US_ASCII),
				secretSha256.getBytes(StandardCharsets.US_ASCII));
	}

	boolean used() {
		return confirmedBy != null;
	}

	boolean expiredAt(Instant now) {
		return !now.isBefore(expiresAt);
	}

	boolean exhausted(int maxAttempts) {
		return attempts >= maxAttempts;
	}
}
