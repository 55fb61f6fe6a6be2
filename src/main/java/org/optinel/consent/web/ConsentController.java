package org.optinel.consent.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.consent.Channel;
import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.LedgerVerification;
import org.optinel.consent.RecordedConsent;
import org.optinel.core.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Recording consent answers, and checking the ledger they are chained in. */
@RestController
@Tag(name = "Consent", description = "Consent answers with their evidence, in a hash-chained ledger")
class ConsentController {

	private final ConsentManagement consents;

	ConsentController(ConsentManagement consents) {
		this.consents = consents;
	}

	@PostMapping("/api/v1/consents")
	@Operation(summary = "Record a consent answer (201)", description = """
			One answer for one channel and one purpose. The person is named by contactId, or by phone and/or email \
			(a new person becomes a PROSPECT contact). A GRANT is refused with a 422 whose type ends with the rule id: \
			a pre-ticked checkbox (gdpr-01), consent collected with the acceptance of the terms (gdpr-03), several \
			channels or purposes in one answer (gdpr-04), no noticeId or missing evidence for its source (gdpr-02): \
			WEB_FORM formId, ip, userAgent and checkbox {prechecked, separateFromTerms}; SMS_REPLY messageId and number; \
			EMAIL_CLICK token and messageId; PREFERENCE_CENTRE ip and userAgent; IMPORT importId (without originalProof \
			or a notice the grant is recorded as UNPROVEN, never a basis to send); ADMIN adminUser and reason. \
			A WITHDRAW or DENY needs only the person, channel, purpose and source (GDPR-05).""")
	ResponseEntity<ConsentResponse> record(TenantId tenant, @RequestBody ConsentRequest request) {
		RecordedConsent recorded = consents.record(tenant, request.capture());
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + recorded.event().contact().value()))
			.body(ConsentResponse.of(recorded));
	}

	@GetMapping("/api/v1/ledger/verify")
	@Operation(summary = "Recompute the tenant's hash chain: ok, or the first broken sequence number and why")
	LedgerVerification verify(TenantId tenant) {
		return consents.verify(tenant);
	}

	/**
	 * A consent answer. {@code channels} and {@code purposes} exist to name a bundled answer
	 * honestly, which a grant may not be (GDPR-04); one channel and one purpose is the norm.
	 */
	record ConsentRequest(String contactId, String phone, String email, Channel channel, List<Channel> channels,
			String purpose, List<String> purposes, ConsentAction action, ConsentSource source, String noticeId,
			Instant occurredAt, EvidenceRequest evidence) {

		ConsentCapture capture() {
			return new ConsentCapture(contactId, phone, email, merged(channel, channels), merged(purpose, purposes),
					action, source, noticeId, occurredAt, evidence == null ? null : evidence.fields());
		}

		private static <T> List<T> merged(T one, List<T> many) {
			List<T> all = new ArrayList<>();
			if (one != null) {
				all.add(one);
			}
			if (many != null) {
				many.stream().filter(item -> !all.contains(item)).forEach(all::add);
			}
			return all;
		}
	}

	/** What proves the answer; which fields a grant needs depends on its source. */
	record EvidenceRequest(String formId, String ip, String userAgent, CheckboxRequest checkbox, String messageId,
			String number, String text, String token, String importId, String originalProof, String adminUser,
			String reason, String reference) {

		EvidenceFields fields() {
			return new EvidenceFields(formId, ip, userAgent,
					checkbox == null ? null : new EvidenceFields.Checkbox(checkbox.prechecked(), checkbox.separateFromTerms()),
					messageId, number, text, token, importId, originalProof, adminUser, reason, reference);
		}
	}

	/** The consent checkbox as it was: was it ticked before the person acted, and was it apart from the terms? */
	record CheckboxRequest(Boolean prechecked, Boolean separateFromTerms) {
	}

	/** The recorded event, its place in the chain, and the state that now holds. */
	record ConsentResponse(String eventId, long seq, String hash, String contactId, boolean contactCreated,
			Channel channel, String purpose, ConsentAction action, ConsentSource source, String noticeId,
			Instant occurredAt, Instant recordedAt, ConsentStatus status, boolean stale, Instant since) {

		static ConsentResponse of(RecordedConsent r) {
			ConsentEvent e = r.event();
			return new ConsentResponse(e.id(), e.seq(), e.hash(), e.contact().value(), r.contactCreated(), e.channel(),
					e.purpose(), e.action(), e.source(), e.noticeId(), e.occurredAt(), e.recordedAt(), r.state().status(),
					r.state().stale(), r.state().since());
		}
	}
}
