package org.optinel.tenancy.web;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.TenantId;
import org.optinel.tenancy.SignatureManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the tenant's public signing keys as a JSON Web Key Set (RFC 7517, OKP keys of RFC 8037). */
@RestController
@Tag(name = "Receipts", description = "Keys to check signed consent receipts")
class ReceiptKeysController {

	private final SignatureManagement signatures;

	ReceiptKeysController(SignatureManagement signatures) {
		this.signatures = signatures;
	}

	@GetMapping("/api/v1/receipts/keys")
	@Operation(summary = "The tenant's Ed25519 public keys (JWKS); a receipt's signature names its key by kid")
	KeySet keys(TenantId tenant) {
		return new KeySet(signatures.publicKeys(tenant)
			.stream()
			.map(k -> new Jwk(k.keyId(), "OKP", "Ed25519", "EdDSA", "sig",
					Base64.getUrlEncoder().withoutPadding().encodeToString(k.raw()), k.createdAt(), k.retiredAt()))
			.toList());
	}

	/** A JSON Web Key Set. */
	record KeySet(List<Jwk> keys) {
	}

	/** One Ed25519 public key as a JWK; {@code x} is the raw key, base64url. */
	record Jwk(String kid, String kty, String crv, String alg, String use, String x, Instant createdAt,
			Instant retiredAt) {
	}
}
