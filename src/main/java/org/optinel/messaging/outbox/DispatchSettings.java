package org.optinel.messaging.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How one channel's dispatcher sends.
 *
 * @param concurrency messages being decided and submitted at once
 * @param inFlight messages claimed and not yet recorded, at most (bounds what a crash can leave UNCERTAIN)
 * @param providerRate messages per second to the provider at most, 0 for no limit
 * @param tenantRate messages per second per tenant at most, 0 for no limit
 * @param maxAttempts attempts before a message that keeps failing for temporary reasons FAILs
 * @param backoff the pause after the first temporary failure; it doubles with each attempt
 * @param maxBackoff the longest pause between attempts
 * @param submitTimeout how long to wait for the provider's answer before the message is UNCERTAIN
 * @param poll how often to look for due messages when nothing signals them (retries, deferred messages, other nodes)
 */
public record DispatchSettings(int concurrency, int inFlight, double providerRate, double tenantRate, int maxAttempts,
		Duration backoff, Duration maxBackoff, Duration submitTimeout, Duration poll) {

	public DispatchSettings {
		Objects.requireNonNull(backoff, "backoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		Objects.requireNonNull(submitTimeout, "submitTimeout");
		Objects.requireNonNull(poll, "poll");
		if (concurrency < 1 || concurrency > 1024) {
			throw new IllegalArgumentException("concurrency must be 1-1024, was " + concurrency);
		}
		if (inFlight < concurrency) {
			throw new IllegalArgumentException("in-flight must be at least the concurrency (" + concurrency + "), was "
					+ inFlight);
		}
		if (providerRate < 0 || tenantRate < 0) {
			throw new IllegalArgumentException("rates must be >= 0 (0 for no limit)");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max-attempts must be >= 1, was " + maxAttempts);
		}
		if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
			throw new IllegalArgumentException("backoff must be positive and max-backoff at least backoff");
		}
		if (submitTimeout.isNegative() || submitTimeout.isZero() || poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("submit-timeout and poll must be positive");
		}
	}

	/** The usual values: 16 at once, 256 in flight, no rate limit, 8 attempts from 30 s to 1 h apart. */
	public static DispatchSettings defaults() {
		return new DispatchSettings(16, 256, 0, 0, 8, Duration.ofSeconds(30), Duration.ofHours(1),
				Duration.ofSeconds(60), Duration.ofSeconds(1));
	}

	/** The pause before the attempt after {@code attempts} failed ones. */
	Duration backoffAfter(int attempts) {
		Duration pause = backoff;
		for (int i = 1; i < attempts && pause.compareTo(maxBackoff) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
	}
}
