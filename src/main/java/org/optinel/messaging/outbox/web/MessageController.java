package org.optinel.messaging.outbox.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.Channel;
import org.optinel.core.TenantId;
import org.optinel.messaging.outbox.MessageManagement;
import org.optinel.messaging.outbox.MessageRequest;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.messaging.outbox.OutboxMessage;
import org.optinel.messaging.sender.PreparedSms;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Single messages through the outbox, and what became of them. */
@RestController
@Tag(name = "Messaging")
class MessageController {

	static final String PATH = "/api/v1/messages";

	private final MessageManagement messages;

	private final Outbox outbox;

	MessageController(MessageManagement messages, Outbox outbox) {
		this.messages = messages;
		this.outbox = outbox;
	}

	@PostMapping(PATH)
	@Operation(summary = "Queue one SMS or email", description = """
			channel (SMS or EMAIL), the recipient as contactId, phone (SMS) or email (EMAIL), purpose, text; for email \
			subject and optionally html. The text is checked against the sender profile: a marketing SMS carries the \
			brand and the opt-out mention (FR-05, appended or refused by the profile's optOutMode), leaves from the \
			profile's sender id (FR-06); an email names its sender (EP-03) and a marketing email gets the one-click \
			unsubscribe link and headers (EM-01). The eligibility decision is taken now (422 not-eligible with reason \
			and rule when it says no; a DEFER queues the message for the earliest lawful time) and again right before \
			the message leaves. With an Idempotency-Key header a retry answers the first message (200).""")
	ResponseEntity<MessageBody> send(TenantId tenant, @RequestBody(required = false) MessageRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		MessageManagement.Queued queued = messages.send(tenant, request, idempotencyKey);
		return ResponseEntity.status(queued.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(MessageBody.of(queued.message(), queued.sms()));
	}

	@GetMapping(PATH + "/{id}")
	@Operation(summary = "A message and where it stands: QUEUED, SUBMITTING, SENT, DELIVERED, UNDELIVERED, FAILED, "
			+ "UNCERTAIN (may have left; never sent again), BLOCKED (the decision before sending said no), EXPIRED")
	MessageBody get(TenantId tenant, @PathVariable String id) {
		return MessageBody.of(outbox.find(tenant, id), null);
	}

	/** A message as the API shows it. */
	record MessageBody(String id, Channel channel, String recipient, String contactId, String purpose, boolean marketing,
			String sender, String state, int attempts, Instant nextAttemptAt, String reason, String provider,
			List<String> providerIds, Instant createdAt, Instant submittedAt, String text, SmsBody sms) {

		static MessageBody of(OutboxMessage m, PreparedSms sms) {
			return new MessageBody(m.id(), m.channel(), m.recipient(), m.contactId(), m.purpose(), m.marketing(),
					m.sender(), m.state().name(), m.attempts(), m.nextAttemptAt(), m.reason(), m.provider(),
					m.providerIds(), m.createdAt(), m.submittedAt(), m.text(), sms == null ? null : SmsBody.of(sms));
		}
	}

	/** What an SMS text came to: its encoding, its parts and their estimated cost. */
	record SmsBody(String encoding, int segments, String estimatedCost) {

		static SmsBody of(PreparedSms sms) {
			return new SmsBody(sms.encoding().name(), sms.segments(),
					sms.estimatedCost() == null ? null
							: sms.estimatedCost().amount().toPlainString() + " " + sms.estimatedCost().currency());
		}
	}
}
