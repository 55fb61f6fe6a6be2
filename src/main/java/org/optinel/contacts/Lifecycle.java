package org.optinel.contacts;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Where a contact stands with the business, derived at read time and never stored (SEED-01).
 * Only client-making activities count (a tenant setting, {@code PURCHASE} by default), so an
 * account or an appointment without a sale leaves a prospect (FR-03).
 */
public enum Lifecycle {

	/** Gave contact details; no client-making activity yet. */
	PROSPECT,
	/** A client-making activity within the client window. */
	CLIENT,
	/** Was a client; the last client-making activity is older than the window. */
	EX_CLIENT;

	/**
	 * @param lastClientActivity the last client-making activity, or {@code null} if there is none
	 * @param now the instant of the judgement
	 * @param windowMonths the tenant's client window
	 */
	public static Lifecycle of(Instant lastClientActivity, Instant now, int windowMonths) {
		if (lastClientActivity == null) {
			return PROSPECT;
		}
		return lastClientActivity.isBefore(windowStart(now, windowMonths)) ? EX_CLIENT : CLIENT;
	}

	/** The earliest instant at which a client-making activity still makes a client. */
	public static Instant windowStart(Instant now, int windowMonths) {
		return now.atOffset(ZoneOffset.UTC).minusMonths(windowMonths).toInstant();
	}
}
