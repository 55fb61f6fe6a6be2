package org.optinel.messaging.inbound;

import java.time.Instant;
import java.util.Objects;

import org.optinel.core.TenantId;

/**
 * A reply owed to an inbound message, waiting for the outbox ({@code PENDING}). The outbox must not
 * send it after {@code sendBefore}.
 *
 * @param from the number or short code the inbound message was sent to, which the reply leaves from
 * @param inReplyTo the provider message id of the inbound message
 */
public record SmsReply(TenantId tenant, String id, String to, String from, ReplyKind kind, String text,
		String inReplyTo, Instant createdAt, Instant sendBefore, String state) {

	public static final String PENDING = "PENDING";

	public SmsReply {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(inReplyTo, "inReplyTo");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(sendBefore, "sendBefore");
		Objects.requireNonNull(state, "state");
	}
}
