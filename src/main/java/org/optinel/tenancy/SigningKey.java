package org.optinel.tenancy;

import java.time.Instant;

/**
 * A tenant's public signing key as published: Ed25519, identified by {@code keyId}.
 *
 * @param raw the 32 bytes of the Ed25519 public key (the JWK {@code x})
 * @param retiredAt when the key stopped signing, or {@code null} while it signs
 */
public record SigningKey(String keyId, String algorithm, byte[] raw, Instant createdAt, Instant retiredAt) {
}
