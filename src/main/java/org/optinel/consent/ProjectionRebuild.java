package org.optinel.consent;

import java.util.List;

import org.optinel.core.Channel;

/**
 * What rebuilding the consent states from the ledger found: every state that differed from the
 * ledger (and has been corrected).
 */
public record ProjectionRebuild(long eventsRead, long states, List<Difference> differences) {

	public ProjectionRebuild {
		differences = List.copyOf(differences);
	}

	/**
	 * One contact, channel and purpose whose stored state was not what the ledger says; null where
	 * there was none. {@code expectedSeq} is the event the state is from; {@code expectedLastSeq}
	 * the last event of the key, where its proof's walk through the ledger starts.
	 */
	public record Difference(String contactId, Channel channel, String purpose, ConsentStatus expected,
			ConsentStatus found, Long expectedSeq, Long foundSeq, Long expectedLastSeq, Long foundLastSeq) {
	}
}
