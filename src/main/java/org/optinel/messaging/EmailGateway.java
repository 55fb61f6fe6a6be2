package org.optinel.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * A way to hand email to the network (an SMTP relay, or the file outbox). Like {@link SmsGateway},
 * a gateway never completes exceptionally for a network or server failure: it reports a
 * {@link SubmitOutcome}. A permanent refusal of the recipient's address (SMTP 5xx on RCPT TO, or a
 * 5xx that names the mailbox) is a {@link SubmitOutcome.Rejected} with {@code recipientRefused}.
 */
public interface EmailGateway {

	/** Hands the message over; the future completes with what the server said. */
	CompletableFuture<SubmitOutcome> send(OutboundEmail email);
}
