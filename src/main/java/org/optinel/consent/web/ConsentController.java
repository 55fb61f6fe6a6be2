package org.optinel.consent.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.Channel;
import org.optinel.consent.ConsentAction;
import org.optinel.consent.ConsentCapture;
import org.optinel.consent.ConsentEvent;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ConsentSource;
import org.optinel.consent.ConfirmationMethod;
import org.optinel.consent.ConsentChain;
import org.optinel.consent.ConsentStatus;
import org.optinel.consent.EvidenceFields;
import org.optinel.consent.IdempotentRecording;
import org.optinel.consent.IdempotentResponse;
import org.optinel.consent.IssuedConfirmation;
import org.optinel.consent.LedgerVerification;
import org.optinel.consent.PreparedConsent;
import org.optinel.consent.RecordedConsent;
import org.optinel.core.GroupCommit;
import org.optinel.core.TenantId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Recording consent answers, and checking the ledger they are chained in. */
@RestController
@Tag(name = "Consent", description = "Consent answers with their evidence, in a hash-chained ledger")
class ConsentController {

	/** Requests are hashed in this mapper's encoding, so that a retry matches whatever the application settings. */
	private static final JsonMapper CANONICAL_JSON = JsonMapper.builder().build();

	private final ConsentManagement consents;

	private final IdempotentRecording idempotency;

	private final JsonMapper json;

	private final GroupCommit groupCommit;

	/** One instance, so that group commit appends the answers queued together in one call. */
	private final GroupCommit.Batch<PreparedConsent, RecordedConsent> append;

	ConsentController(ConsentManagement consents, IdempotentRecording idempotency, JsonMapper json,
			GroupCommit groupCommit) {
		this.consents = consents;
		this.idempotency = idempotency;
		this.json = json;
		this.groupCommit = groupCommit;
		this.append = consents::append;
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
			A WITHDRAW or DENY needs only the person, channel, purpose and source (GDPR-05). \
			A GRANT on a double opt-in channel of its purpose is recorded as PENDING, with a confirmation to deliver \
			(see POST /api/v1/consents/{id}/confirm). With an Idempotency-Key header, a retry with the same key and \
			the same body answers the first response and records nothing; the same key with another body is a 409 \
			(idempotency-key-reused). A kept response never holds a confirmation's token or code.""")
	ResponseEntity<?> record(TenantId tenant, @RequestBody ConsentRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		// Appends go through group commit: many requests share one transaction and one fsync. The answer
		// is judged first, on this thread, so that the single writer only appends.
		ConsentCapture capture = request.capture();
		if (idempotencyKey == null) {
			PreparedConsent prepared = consents.prepare(tenant, capture);
			RecordedConsent recorded = groupCommit.run(append, prepared);
			// Written here rather than by the JSON converter, which flushes before the length is known: the
			// response then went out chunked, its last chunk in a second write. With its length it takes one.
			return ResponseEntity.created(location(recorded))
				.contentType(MediaType.APPLICATION_JSON)
				.body(json.writeValueAsBytes(ConsentResponse.of(recorded)));
		}
		String requestHash = ConsentChain.sha256(CANONICAL_JSON.writeValueAsString(request));
		IdempotentResponse response = groupCommit.run(() -> idempotency.once(tenant, idempotencyKey, requestHash, () -> {
			RecordedConsent recorded = consents.record(tenant, capture);
			ConsentResponse body = ConsentResponse.of(recorded);
			return new IdempotentResponse(201, location(recorded).toString(), json.writeValueAsString(body),
					json.writeValueAsString(body.withoutSecret()), false);
		}));
		return replay(response, idempotencyKey);
	}

	@PostMapping("/api/v1/consents/batch")
	@Operation(summary = "Record many consent answers at once, all or none (201)", description = """
			A bulk import of consent answers: {"events": [...]} with 1 to 10,000 answers, each in the shape of \
			POST /api/v1/consents, for one or several people. Every answer is judged by the same rules as a single \
			one before anything is written; if any cannot be recorded, nothing is, and the answer is a 422 \
			invalid-batch problem whose errors name each bad answer by its index in events (from 0), the field \
			at fault and, for a refusal by a consent rule, the rule id (GDPR-01 pre-ticked box, GDPR-02 missing \
			notice or evidence, GDPR-03 consent taken with the terms, GDPR-04 bundled channels or purposes). An \
			IMPORT grant without originalProof or notice is recorded as UNPROVEN (EDPB-01), never a basis to send. \
			Otherwise all are chained in one transaction, in the order given (an answer without occurredAt \
			takes the instant the batch arrived), and the answer lists each recorded event (eventId, seq, \
			contactId, status) in that order. An Idempotency-Key works as on POST /api/v1/consents.""")
	ResponseEntity<?> recordAll(TenantId tenant, @RequestBody ConsentBatchRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		List<ConsentCapture> captures = request.captures();
		if (idempotencyKey == null) {
			return ResponseEntity.status(201).body(ConsentBatchResponse.of(consents.recordAll(tenant, captures)));
		}
		String requestHash = ConsentChain.sha256(CANONICAL_JSON.writeValueAsString(request));
		IdempotentResponse response = idempotency.once(tenant, idempotencyKey, requestHash, () -> {
			ConsentBatchResponse body = ConsentBatchResponse.of(consents.recordAll(tenant, captures));
			return new IdempotentResponse(201, null, json.writeValueAsString(body),
					json.writeValueAsString(body.withoutSecrets()), false);
		});
		return replay(response, idempotencyKey);
	}

	private static ResponseEntity<?> replay(IdempotentResponse response, String idempotencyKey) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", idempotencyKey);
		if (response.location() != null) {
			builder.location(URI.create(response.location()));
		}
		if (response.replayed()) {
			builder.header("Idempotent-Replayed", "true");
		}
		return builder.body(response.body());
	}

	/** Answers to record together: {@code events}, each as the body of {@code POST /api/v1/consents}. */
	record ConsentBatchRequest(List<ConsentRequest> events) {

		List<ConsentCapture> captures() {
			if (events == null) {
				return List.of();
			}
			List<ConsentCapture> captures = new ArrayList<>(events.size());
			for (ConsentRequest event : events) {
				captures.add(event == null ? new ConsentCapture(null, null, null, null, null, null, null, null, null, null)
						: event.capture());
			}
			return captures;
		}
	}

	/** The recorded events of a batch, in the order of the request; seqs are consecutive per tenant. */
	record ConsentBatchResponse(int recorded, long firstSeq, long lastSeq, List<RecordedEvent> events) {

		static ConsentBatchResponse of(List<RecordedConsent> recorded) {
			List<RecordedEvent> events = recorded.stream().map(RecordedEvent::of).toList();
			return new ConsentBatchResponse(events.size(), events.get(0).seq(), events.get(events.size() - 1).seq(),
					events);
		}

		ConsentBatchResponse withoutSecrets() {
			return new ConsentBatchResponse(recorded, firstSeq, lastSeq,
					events.stream().map(RecordedEvent::withoutSecret).toList());
		}
	}

	/** One recorded event of a batch and the state that held right after it. */
	record RecordedEvent(String eventId, long seq, String contactId, boolean contactCreated, ConsentStatus status,
			boolean pending, ConfirmationResponse confirmation) {

		static RecordedEvent of(RecordedConsent r) {
			ConsentEvent e = r.event();
			return new RecordedEvent(e.id(), e.seq(), e.contact().value(), r.contactCreated(), r.state().status(),
					e.pending(), r.confirmation() == null ? null : ConfirmationResponse.of(r.confirmation()));
		}

		RecordedEvent withoutSecret() {
			return confirmation == null ? this : new RecordedEvent(eventId, seq, contactId, contactCreated, status, pending,
					confirmation.withoutSecret());
		}
	}

	static URI location(RecordedConsent recorded) {
		return URI.create("/api/v1/contacts/" + recorded.event().contact().value());
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

	/**
	 * The recorded event, its place in the chain, and the state that now holds.
	 *
	 * @param pending the event is a grant that awaits confirmation (double opt-in)
	 * @param confirms the pending grant this event confirms, if it does
	 * @param confirmation what to deliver to the person for a pending grant
	 */
	record ConsentResponse(String eventId, long seq, String hash, String contactId, boolean contactCreated,
			Channel channel, String purpose, ConsentAction action, ConsentSource source, String noticeId,
			Instant occurredAt, Instant recordedAt, ConsentStatus status, boolean stale, Instant since, boolean pending,
			String confirms, ConfirmationResponse confirmation) {

		static ConsentResponse of(RecordedConsent r) {
			ConsentEvent e = r.event();
			return new ConsentResponse(e.id(), e.seq(), e.hash(), e.contact().value(), r.contactCreated(), e.channel(),
					e.purpose(), e.action(), e.source(), e.noticeId(), e.occurredAt(), e.recordedAt(), r.state().status(),
					r.state().stale(), r.state().since(), e.pending(), e.confirms(),
					r.confirmation() == null ? null : ConfirmationResponse.of(r.confirmation()));
		}

		/** The same response without the confirmation's token or code, which are never stored. */
		ConsentResponse withoutSecret() {
			return confirmation == null ? this : new ConsentResponse(eventId, seq, hash, contactId, contactCreated,
					channel, purpose, action, source, noticeId, occurredAt, recordedAt, status, stale, since, pending,
					confirms, confirmation.withoutSecret());
		}
	}

	/**
	 * A confirmation to deliver: by email a link carrying {@code token}, by SMS the {@code code}. The
	 * person's answer goes to {@code confirmPath}. Shown once; only its hash is kept.
	 */
	record ConfirmationResponse(ConfirmationMethod method, String token, String code, String confirmPath,
			Instant expiresAt, int maxAttempts) {

		static ConfirmationResponse of(IssuedConfirmation c) {
			boolean email = c.method() == ConfirmationMethod.EMAIL_TOKEN;
			return new ConfirmationResponse(c.method(), email ? c.secret() : null, email ? null : c.secret(),
					"/api/v1/consents/" + c.eventId() + "/confirm", c.expiresAt(), c.maxAttempts());
		}

		ConfirmationResponse withoutSecret() {
			return new ConfirmationResponse(method, null, null, confirmPath, expiresAt, maxAttempts);
		}
	}
}
