package org.optinel.messaging.inbound;

/** How an inbound message reached Optinel. */
public enum InboundProvider {
	/** {@code POST /api/v1/inbound/sms}, with the tenant's API key. */
	API,
	/** Twilio's messaging webhook, signed with the tenant's Twilio auth token. */
	TWILIO,
	/** A {@code deliver_sm} on the SMPP session. */
	SMPP,
	/** {@code POST /webhooks/sms/{tenantId}/inbound}: the HTTP provider's JSON, signed with the shared secret. */
	HTTP
}
