package org.optinel.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.optinel.core.TenantId;

/** Storage of tenants' signing key pairs; private keys only ever sealed. */
public interface SigningKeys {

	/** The key that signs now: public key (X.509) and sealed private key (PKCS#8). */
	Optional<Stored> current(TenantId tenant);

	List<Stored> all(TenantId tenant);

	void insert(TenantId tenant, Stored key);

	/** A stored key pair. */
	record Stored(String keyId, String algorithm, byte[] publicKey, String sealedPrivateKey, Instant createdAt,
			Instant retiredAt) {
	}
}
