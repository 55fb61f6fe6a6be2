package org.optinel.contacts;

import java.time.Instant;

/** A contact with what is derived from its activities at the time of reading. */
public record ContactProfile(Contact contact, Lifecycle lifecycle, Instant lastPurchaseAt, Instant lastInboundAt) {
}
