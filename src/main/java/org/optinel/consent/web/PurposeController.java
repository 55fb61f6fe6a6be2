package org.optinel.consent.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.Channel;
import org.optinel.consent.DoubleOptInManagement;
import org.optinel.consent.Notice;
import org.optinel.consent.Purpose;
import org.optinel.consent.PurposeKind;
import org.optinel.consent.PurposeManagement;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Purposes and the notices shown for them. */
@RestController
@Tag(name = "Purposes and notices", description = "What messages are for, and the exact texts shown when consent is asked")
class PurposeController {

	private final PurposeManagement purposes;

	private final DoubleOptInManagement doubleOptIn;

	PurposeController(PurposeManagement purposes, DoubleOptInManagement doubleOptIn) {
		this.purposes = purposes;
		this.doubleOptIn = doubleOptIn;
	}

	@PostMapping("/api/v1/purposes")
	@Operation(summary = "Declare a purpose (201); a key that exists already is a 409",
			description = "Consent is asked and recorded per channel and per purpose (GDPR-04). similarProducts "
					+ "declares the purpose as the tenant's own similar products, which a soft opt-in needs (EP-02). "
					+ "doubleOptIn lists the channels (EMAIL, SMS) whose grants stay PENDING until the person confirms.")
	ResponseEntity<PurposeResponse> define(TenantId tenant, @RequestBody PurposeRequest request) {
		if (request.doubleOptIn() != null && request.doubleOptIn().stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidInputException("doubleOptIn", "lists channels: EMAIL and/or SMS");
		}
		Purpose purpose = purposes.define(tenant, request.key(), request.name(), request.description(), request.kind(),
				request.similarProducts());
		Set<Channel> channels = doubleOptIn.configure(tenant, purpose.key(),
				request.doubleOptIn() == null ? List.of() : request.doubleOptIn());
		return ResponseEntity.created(URI.create("/api/v1/purposes")).body(PurposeResponse.of(purpose, channels));
	}

	@GetMapping("/api/v1/purposes")
	@Operation(summary = "The tenant's purposes, by key")
	List<PurposeResponse> purposes(TenantId tenant) {
		Map<String, Set<Channel>> channels = doubleOptIn.channels(tenant);
		return purposes.purposes(tenant)
			.stream()
			.map(p -> PurposeResponse.of(p, channels.getOrDefault(p.key(), Set.of())))
			.toList();
	}

	@PatchMapping("/api/v1/purposes/{key}")
	@Operation(summary = "Change a purpose's double opt-in channels",
			description = "Body {\"doubleOptIn\": [\"EMAIL\", \"SMS\"]}; [] turns double opt-in off. Applies to grants "
					+ "recorded from now on. The other fields of a purpose never change.")
	PurposeResponse change(TenantId tenant, @PathVariable String key, @RequestBody PurposeChange change) {
		Set<Channel> channels = doubleOptIn.configure(tenant, key, change.doubleOptIn());
		Purpose purpose = purposes.purposes(tenant).stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
		return PurposeResponse.of(purpose, channels);
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
	record PurposeRequest(String key, String name, String description, PurposeKind kind, Boolean similarProducts,
			List<Channel> doubleOptIn) {
	}

	/** What may change in a purpose: the channels on which its grants need a confirmation. */
	record PurposeChange(List<Channel> doubleOptIn) {
	}

	/** A purpose as the API shows it. */
	record PurposeResponse(String key, String name, String description, PurposeKind kind, boolean similarProducts,
			Set<Channel> doubleOptIn, Instant createdAt) {

		static PurposeResponse of(Purpose p, Set<Channel> doubleOptIn) {
			return new PurposeResponse(p.key(), p.name(), p.description(), p.kind(), p.similarProducts(),
					new java.util.TreeSet<>(doubleOptIn), p.createdAt());
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
