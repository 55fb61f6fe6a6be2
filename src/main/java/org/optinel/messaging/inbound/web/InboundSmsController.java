package org.optinel.messaging.inbound.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.messaging.inbound.InboundProvider;
import org.optinel.messaging.inbound.InboundResult;
import org.optinel.messaging.inbound.InboundSms;
import org.optinel.messaging.inbound.InboundSmsManagement;
import org.optinel.messaging.inbound.SmsReply;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inbound SMS from an HTTP provider or gateway, with the tenant's API key. */
@RestController
@Tag(name = "Inbound SMS", description = "Replies from the people in the base: opt-out, opt-in and help keywords")
class InboundSmsController {

	static final String PATH = "/api/v1/inbound/sms";

	private final InboundSmsManagement inbound;

	InboundSmsController(InboundSmsManagement inbound) {
		this.inbound = inbound;
	}

	@PostMapping(PATH)
	@Operation(summary = "Receive an inbound SMS; its keywords act (200)", description = """
			from (parsed in the tenant's region), to, text (at most 1,600 characters, may be empty), receivedAt \
			(now when absent) and messageId (the provider's id). The whole text is normalised (case, accents, \
			punctuation) and matched against the tenant's keywords. An opt-out word, or STOP as a word anywhere, \
			suppresses the number on SMS, withdraws the contact's marketing consents on SMS and owes one \
			confirmation (KW-01, US-03); an opt-in word lifts the number's SMS suppression and grants the purposes \
			the tenant maps it to (KW-02); a help word owes one reply (KW-03); any other text is an INTERACTION of \
			the contact (FR-09). A messageId seen before changes nothing and answers the first outcome with \
			duplicate=true.""")
	ResponseEntity<InboundResponse> receive(TenantId tenant, @RequestBody InboundRequest request) {
		if (request == null) {
			throw new InvalidInputException("body", "send a JSON object with from, to, text and messageId");
		}
		InboundResult result = inbound.receive(tenant, new InboundSms(InboundProvider.API, request.from(), request.to(),
				request.text(), request.receivedAt(), request.messageId()));
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok();
		if (result.duplicate()) {
			builder.header("Idempotent-Replayed", "true");
		}
		return builder.body(InboundResponse.of(result));
	}

	@GetMapping(PATH + "/messages/{messageId}")
	@Operation(summary = "An inbound message, what it led to and the reply it called for")
	InboundResponse message(TenantId tenant, @PathVariable String messageId) {
		return InboundResponse.of(inbound.find(tenant, messageId));
	}

	@GetMapping(PATH + "/replies")
	@Operation(summary = "Replies owed to inbound messages and not yet sent, oldest first")
	List<InboundResponse.Reply> pendingReplies(TenantId tenant,
			@RequestParam(name = "limit", defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidInputException("limit", "must be between 1 and 1000");
		}
		return inbound.pendingReplies(tenant, limit).stream().map(InboundResponse.Reply::of).toList();
	}

	/** An inbound SMS as the API takes it. */
	record InboundRequest(String from, String to, String text, Instant receivedAt, String messageId) {
	}

	/** What an inbound SMS led to. */
	record InboundResponse(String messageId, String from, String to, String text, Instant receivedAt, String kind,
			String keyword, String outcome, String contactId, boolean duplicate, Reply reply) {

		static InboundResponse of(InboundResult result) {
			var m = result.message();
			return new InboundResponse(m.messageId(), m.from(), m.to(), m.text(), m.receivedAt(), m.kind().name(),
					m.keyword(), m.outcome().name(), m.contactId(), result.duplicate(),
					result.reply() == null ? null : Reply.of(result.reply()));
		}

		/** A reply owed to an inbound message. */
		record Reply(String id, String to, String from, String kind, String text, String inReplyTo, Instant createdAt,
				Instant sendBefore, String state) {

			static Reply of(SmsReply r) {
				return new Reply(r.id(), r.to(), r.from(), r.kind().name(), r.text(), r.inReplyTo(), r.createdAt(),
						r.sendBefore(), r.state());
			}
		}
	}
}
