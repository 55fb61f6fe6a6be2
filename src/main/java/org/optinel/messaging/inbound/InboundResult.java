package org.optinel.messaging.inbound;

/**
 * What receiving a message did.
 *
 * @param reply the reply it calls for, or {@code null}
 * @param duplicate the provider had delivered this message id before: this delivery changed nothing
 */
public record InboundResult(ReceivedSms message, SmsReply reply, boolean duplicate) {
}
