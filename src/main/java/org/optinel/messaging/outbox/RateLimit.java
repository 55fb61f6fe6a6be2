package org.optinel.messaging.outbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A rate limit: callers are spaced {@code 1/rate} seconds apart, with a burst of one second's worth.
 * It measures intervals with the monotonic nanosecond counter, not the clock: it paces, it does not
 * tell the time.
 */
final class RateLimit {

	private final long intervalNanos;

	private final long burstNanos;

	private long next;

	/** {@code perSecond} of 0 means no limit. */
	RateLimit(double perSecond) {
		this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
		this.burstNanos = TimeUnit.SECONDS.toNanos(1);
		this.next = System.nanoTime();
	}

	boolean unlimited() {
		return intervalNanos == 0;
	}

	/** Waits for this caller's turn. */
	void acquire() {
		if (intervalNanos == 0) {
			return;
		}
		long wait;
		synchronized (this) {
			long now = System.nanoTime();
			// Idle time earns at most a second's burst.
			next = Math.max(next, now - burstNanos);
			wait = next - now;
			next += intervalNanos;
		}
		if (wait > 0) {
			LockSupport.parkNanos(wait);
		}
	}
}
