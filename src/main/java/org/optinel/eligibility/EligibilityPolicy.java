package org.optinel.eligibility;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A tenant's settings that the decision reads.
 *
 * @param clientWindowMonths how long a client-making activity makes a client (SEED-01)
 * @param refreshPeriod after how long a grant is stale (EDPB-02)
 * @param timeZone the tenant's zone, in which months are counted for staleness
 * @param windows the sending windows for marketing SMS (FR-07, US-05)
 */
public record EligibilityPolicy(int clientWindowMonths, Period refreshPeriod, ZoneId timeZone, SendingWindows windows) {

	public EligibilityPolicy {
		Objects.requireNonNull(refreshPeriod, "refreshPeriod");
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(windows, "windows");
	}

	Instant refreshCutoff(Instant at) {
		return at.atZone(timeZone).minus(refreshPeriod).toInstant();
	}
}
