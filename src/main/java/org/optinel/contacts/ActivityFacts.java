package org.optinel.contacts;

import java.time.Instant;

/**
 * What a contact's activities say, summed up: the inputs of the lifecycle and of retention.
 *
 * @param lastClientActivityAt last client-making activity (tenant setting)
 * @param lastPurchaseAt last purchase
 * @param lastInboundAt last act that came from the person (any activity: purchase, reply, click, registration...)
 */
public record ActivityFacts(Instant lastClientActivityAt, Instant lastPurchaseAt, Instant lastInboundAt) {

	public static final ActivityFacts NONE = new ActivityFacts(null, null, null);
}
