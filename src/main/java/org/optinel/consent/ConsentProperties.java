package org.optinel.consent;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the consent module ({@code optinel.consent.*}).
 *
 * @param refreshPeriod after how long a grant is reported stale and becomes a re-permission target (EDPB-02)
 * @param maxClockSkew how far in the future an answer's time may lie (clocks differ a little)
 */
@ConfigurationProperties("optinel.consent")
public record ConsentProperties(@DefaultValue("36m") Period refreshPeriod, @DefaultValue("5m") Duration maxClockSkew) {

	public ConsentProperties {
		if (refreshPeriod.isNegative() || refreshPeriod.isZero()) {
			throw new IllegalStateException("optinel.consent.refresh-period must be positive, e.g. 36m");
		}
		if (maxClockSkew.isNegative()) {
			throw new IllegalStateException("optinel.consent.max-clock-skew must not be negative");
		}
	}
}
