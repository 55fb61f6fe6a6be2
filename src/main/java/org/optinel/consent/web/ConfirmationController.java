package org.optinel.consent.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.ConfirmationAnswer;
import org.optinel.consent.DoubleOptInManagement;
import org.optinel.consent.RecordedConsent;
import org.optinel.core.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Confirming a pending grant (double opt-in) with the token or code the person received. */
@RestController
@Tag(name = "Consent", description = "Consent answers with their evidence, in a hash-chained ledger")
class ConfirmationController {

	private final DoubleOptInManagement doubleOptIn;

	ConfirmationController(DoubleOptInManagement doubleOptIn) {
		this.doubleOptIn = doubleOptIn;
	}

	@PostMapping("/api/v1/consents/{id}/confirm")
	@Operation(summary = "Confirm a pending grant (201 with the confirming event; the state becomes GRANTED)",
			description = """
					{id} is the eventId of the pending grant. Send the token (EMAIL) or code (SMS) that was issued \
					with it, and the IP and user agent of the person confirming (required, GDPR-02). A wrong, expired \
					or used token or code is a 422 (confirmation-invalid, confirmation-expired, confirmation-used, \
					confirmation-attempts-exhausted) that counts one attempt and records nothing else. After a \
					WITHDRAW or DENY of the same channel and purpose the confirmation is a 409 \
					(confirmation-superseded).""")
	ResponseEntity<ConsentController.ConsentResponse> confirm(TenantId tenant, @PathVariable String id,
			@RequestBody ConfirmRequest request) {
		RecordedConsent recorded = doubleOptIn.confirm(tenant, id, request.answer());
		return ResponseEntity.created(ConsentController.location(recorded))
			.body(ConsentController.ConsentResponse.of(recorded));
	}

	/** The person's answer: the token or the code, and where it came from. */
	record ConfirmRequest(String token, String code, String ip, String userAgent, Instant occurredAt) {

		ConfirmationAnswer answer() {
			return new ConfirmationAnswer(token, code, ip, userAgent, occurredAt);
		}
	}
}
