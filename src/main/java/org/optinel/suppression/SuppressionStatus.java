package org.optinel.suppression;

import java.time.Instant;
import java.util.List;

import org.optinel.core.Channel;

/**
 * Whether an identifier is on the suppression list, channel by channel.
 *
 * @param identifierHash the tenant's keyed hash of the identifier that was asked about
 * @param suppressed whether it is suppressed on at least one channel
 */
public record SuppressionStatus(String identifierHash, boolean suppressed, List<ChannelStatus> channels) {

	/**
	 * One channel: suppressed or not and, when it is, by which entry ({@code scope} {@code SMS},
	 * {@code EMAIL} or {@code ALL}), why and since when.
	 */
	public record ChannelStatus(Channel channel, boolean suppressed, String scope, SuppressionReason reason,
			Instant since) {
	}
}
