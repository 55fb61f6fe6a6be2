package org.optinel.consent.web;

import java.util.Base64;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.CanonicalJson;
import org.optinel.consent.ConsentReceipt;
import org.optinel.consent.ProofManagement;
import org.optinel.core.TenantId;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed consent receipts. The body is written by hand so that {@code receipt} holds exactly the
 * canonical bytes that were signed; any JSON reader gets the same bytes back by sorting keys and
 * dropping whitespace.
 */
@RestController
@Tag(name = "Receipts", description = "Keys to check signed consent receipts")
class ReceiptController {

	private final ProofManagement proofs;

	ReceiptController(ProofManagement proofs) {
		this.proofs = proofs;
	}

	@GetMapping(path = "/api/v1/consents/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A signed consent receipt for a GRANT (Kantara Consent Receipt v1.1 fields)", description = """
			Answers {"receipt": {...}, "signature": {"kid", "alg": "EdDSA", "value"}}. The signature is Ed25519 over \
			the UTF-8 bytes of the receipt in canonical JSON (RFC 8785: members sorted by name, no whitespace; the \
			receipt holds only strings, integers, booleans, arrays and objects), value in base64url without padding. \
			Check it with the key of that kid from GET /api/v1/receipts/keys. A WITHDRAW or DENY, or an imported \
			grant without proof (EDPB-01), has no receipt (409); another tenant's consent is a 404.""")
	ResponseEntity<String> receipt(TenantId tenant, @PathVariable String id) {
		ConsentReceipt receipt = proofs.receipt(tenant, id);
		String signature = CanonicalJson.write(java.util.Map.of("kid", receipt.signature().keyId(), "alg", "EdDSA",
				"crv", "Ed25519", "value", Base64.getUrlEncoder().withoutPadding().encodeToString(receipt.signature().value())));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body("{\"receipt\":" + receipt.canonical() + ",\"signature\":" + signature + "}");
	}
}
