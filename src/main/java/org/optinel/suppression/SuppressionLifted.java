package org.optinel.suppression;

import java.time.Instant;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * The person lifted a suppression (KW-02). Published inside the transaction that lifted it.
 *
 * @param scope the channel of the lifted entry, {@code null} for the all-channels entry
 */
public record SuppressionLifted(TenantId tenant, String identifierHash, Channel scope, Instant at) {
}
