package org.optinel.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * A way to hand SMS to the network (an SMSC over SMPP, an HTTP provider). Submissions complete
 * when the provider has answered; a gateway never completes one exceptionally for a network or
 * provider failure but reports it as a {@link SubmitOutcome}.
 */
public interface SmsGateway {

	/** Hands the message over; the future completes with what the provider said. */
	CompletableFuture<SubmitOutcome> submit(OutboundSms sms);

	/** Delivery receipts and messages from people, as the gateway receives them. */
	interface Listener {

		/** The network's final word on a message part. */
		void onDeliveryReport(DeliveryReport report);

		/** A person sent a message to one of the tenant's numbers. */
		void onReceived(IncomingSms sms);
	}
}
