package org.optinel.consent;

/**
 * The outcome of recomputing a tenant's hash chain.
 *
 * @param eventsChecked events read until the first break, or all of them
 * @param brokenSeq the first sequence number whose event does not hold, {@code null} when the chain is intact
 * @param reason what is wrong at {@code brokenSeq}
 */
public record LedgerVerification(boolean ok, long eventsChecked, Long brokenSeq, String reason) {

	static LedgerVerification intact(long events) {
		return new LedgerVerification(true, events, null, null);
	}

	static LedgerVerification brokenAt(long seq, long checked, String reason) {
		return new LedgerVerification(false, checked, seq, reason);
	}
}
