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
 * @param doubleOptIn how confirmations of pending grants are issued
 * @param idempotency how long the responses to requests with an {@code Idempotency-Key} are kept
 */
@ConfigurationProperties("optinel.consent")
public record ConsentProperties(@DefaultValue("36m") Period refreshPeriod, @DefaultValue("5m") Duration maxClockSkew,
		@DefaultValue DoubleOptIn doubleOptIn, @DefaultValue Idempotency idempotency) {

	public ConsentProperties {
		if (refreshPeriod.isNegative() || refreshPeriod.isZero()) {
			throw new IllegalStateException("optinel.consent.refresh-period must be positive, e.g. 36m");
		}
		if (maxClockSkew.isNegative()) {
			throw new IllegalStateException("optinel.consent.max-clock-skew must not be negative");
		}
		if (doubleOptIn == null) {
			doubleOptIn = new DoubleOptIn(DoubleOptIn.DEFAULT_EXPIRY, DoubleOptIn.DEFAULT_MAX_ATTEMPTS);
		}
		if (idempotency == null) {
			idempotency = new Idempotency(Idempotency.DEFAULT_KEY_TTL);
		}
	}

	/**
	 * Settings of double opt-in ({@code optinel.consent.double-opt-in.*}).
	 *
	 * @param expiry how long an email token or SMS code stays valid
	 * @param maxAttempts how many failed confirmations a pending grant tolerates before its code is dead
	 */
	public record DoubleOptIn(@DefaultValue("48h") Duration expiry, @DefaultValue("5") int maxAttempts) {

		static final Duration DEFAULT_EXPIRY = Duration.ofHours(48);

		static final int DEFAULT_MAX_ATTEMPTS = 5;

		public DoubleOptIn {
			if (expiry == null || expiry.isNegative() || expiry.isZero()) {
				throw new IllegalStateException("optinel.consent.double-opt-in.expiry must be positive, e.g. 48h");
			}
			if (maxAttempts < 1) {
				throw new IllegalStateException("optinel.consent.double-opt-in.max-attempts must be at least 1, e.g. 5");
			}
		}
	}

	/**
	 * Settings of safe retries ({@code optinel.consent.idempotency.*}).
	 *
	 * @param keyTtl how long a key and the response it produced are kept; a retry after that runs again
	 */
	public record Idempotency(@DefaultValue("24h") Duration keyTtl) {

		static final Duration DEFAULT_KEY_TTL = Duration.ofHours(24);

		public Idempotency {
			if (keyTtl == null || keyTtl.isNegative() || keyTtl.isZero()) {
				throw new IllegalStateException("optinel.consent.idempotency.key-ttl must be positive, e.g. 24h");
			}
		}
	}
}
