package org.optinel.suppression;

import java.time.Instant;

import org.optinel.core.Channel;
import org.optinel.core.TenantId;

/**
 * An identifier was put on the suppression list (or back on it after a lift). Published inside the
 * transaction that added it.
 *
 * @param scopeOrNullForAll the channel it is suppressed on, {@code null} for all channels
 */
public record SuppressionAdded(TenantId tenant, String identifierHash, Channel scopeOrNullForAll,
		SuppressionReason reason, Instant at) {
}
