package org.optinel.suppression;

import java.util.List;
import java.util.Map;

/**
 * Active entries of a tenant's suppression list, counted.
 *
 * @param byChannel keyed {@code SMS}, {@code EMAIL} and {@code ALL} (the scope of the entries)
 * @param byReasonAndChannel one count per reason and scope present
 */
public record SuppressionCounts(long total, Map<SuppressionReason, Long> byReason, Map<String, Long> byChannel,
		List<Count> byReasonAndChannel) {

	/** How many active entries have this reason and scope ({@code SMS}, {@code EMAIL}, {@code ALL}). */
	public record Count(SuppressionReason reason, String channel, long count) {
	}
}
