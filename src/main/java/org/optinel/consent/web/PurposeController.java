package org.optinel.consent.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.core.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Purposes and the notices shown for them. */
@RestController
@Tag(name = "Purposes and notices", description = "What messages are for, and the exact texts shown when consent is asked")
class PurposeController {

	private final PurposeManagement purposes;

	PurposeController(PurposeManagement purposes) {
		this.purposes = purposes;
	}

	@PostMapping("/api/v1/purposes")
	@Operation(summary = "Declare a purpose (201); a key that exists already is a 409",
			description = "Consent is asked and recorded per channel and per purpose (GDPR-04). similarProducts "
					+ "declares the purpose as the tenant's own similar products, which a soft opt-in needs (EP-02).")
	ResponseEntity<PurposeResponse> define(TenantId tenant, @RequestBody PurposeRequest request) {
		Purpose purpose = purposes.define(tenant, request.key(), request.name(), request.description(), request.kind(),
				request.similarProducts());
		return ResponseEntity.created(URI.create("/api/v1/purposes")).body(PurposeResponse.of(purpose));
	}

	@GetMapping("/api/v1/purposes")
	@Operation(summary = "The tenant's purposes, by key")
	List<PurposeResponse> purposes(TenantId tenant) {
		return purposes.purposes(tenant).stream().map(PurposeResponse::of).toList();
	}

	@PostMapping("/api/v1/notices")
	@Operation(summary = "Publish the text shown for a purpose in a language (201 with its id, version and SHA-256)",
			description = "Notices are immutable. A new text for the same purpose and language is the next version; "
					+ "the same text as the latest version publishes nothing and answers that version (200). "
					+ "There is no endpoint to change or delete a notice: consent events refer to the exact text "
					+ "that was shown, by id and by hash (GDPR-02).")
	ResponseEntity<NoticeResponse> publish(TenantId tenant, @RequestBody NoticeRequest request) {
		PurposeManagement.Published published = purposes.publish(tenant, request.purpose(), request.language(),
				request.text());
		NoticeResponse body = NoticeResponse.of(published.notice());
		return published.created() ? ResponseEntity.created(URI.create("/api/v1/notices")).body(body)
				: ResponseEntity.ok(body);
	}

	@GetMapping("/api/v1/notices")
	@Operation(summary = "The tenant's notices, every version, by purpose, language and version")
	List<NoticeResponse> notices(TenantId tenant, @RequestParam(required = false) String purpose) {
		return purposes.notices(tenant, purpose).stream().map(NoticeResponse::of).toList();
	}

	/** A purpose to declare. */
	record PurposeRequest(String key, String name, String description, PurposeKind kind, Boolean similarProducts) {
	}

	/** A purpose as the API shows it. */
	record PurposeResponse(String key, String name, String description, PurposeKind kind, boolean similarProducts,
			Instant createdAt) {

		static PurposeResponse of(Purpose p) {
			return new PurposeResponse(p.key(), p.name(), p.description(), p.kind(), p.similarProducts(), p.createdAt());
		}
	}

	/** The text shown for a purpose, in a language (a tag such as fr or en-GB). */
	record NoticeRequest(String purpose, String language, String text) {
	}

	/** A notice version as the API shows it. */
	record NoticeResponse(String id, String purpose, String language, int version, String text, String sha256,
			Instant createdAt) {

		static NoticeResponse of(Notice n) {
			return new NoticeResponse(n.id(), n.purpose(), n.language(), n.version(), n.text(), n.sha256(), n.createdAt());
		}
	}
}
