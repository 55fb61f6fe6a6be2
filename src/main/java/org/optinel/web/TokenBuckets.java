package org.optinel.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per client: each holds at most {@code burst} tokens, refills at
 * {@code perMinute} tokens a minute on the injected clock, and a request takes one token or waits.
 *
 * <p>Memory is bounded: a bucket that has been idle long enough to be full again is the same as
 * no bucket, so it is forgotten; and at most {@code maxClients} buckets are kept, the least
 * recently seen going first. Forgetting a client can only give it more room, never less: the
 * limiter errs on the side of the person. Thread-safe; one short lock per request.
 */
final class TokenBuckets {

	private final Clock clock;

	private final double capacity;

	private final double perMilli;

	private final long fullAfterMillis;

	private final int maxClients;

	/** In access order: the eldest entry is the client seen least recently. */
	private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true);

	TokenBuckets(Clock clock, int perMinute, int burst, int maxClients) {
		if (perMinute < 1 || burst < 1 || maxClients < 1) {
			throw new IllegalArgumentException("perMinute, burst and maxClients must be at least 1");
		}
		this.clock = clock;
		this.capacity = burst;
		this.perMilli = perMinute / 60_000.0;
		this.fullAfterMillis = (long) Math.ceil(burst / perMilli);
		this.maxClients = maxClients;
	}

	/**
	 * Takes a token for {@code client}.
	 * @return {@link Duration#ZERO} when the request may go on, else how long until a token is free
	 */
	synchronized Duration take(String client) {
		long now = clock.millis();
		forgetIdle(now);
		Bucket bucket = buckets.get(client);
		if (bucket == null) {
			if (buckets.size() >= maxClients) {
				Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
				eldest.next();
				eldest.remove();
			}
			bucket = new Bucket(capacity, now);
			buckets.put(client, bucket);
		}
		bucket.refill(now, capacity, perMilli);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return Duration.ZERO;
		}
		return Duration.ofMillis(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli)));
	}

	/** How many clients are tracked now. */
	synchronized int tracked() {
		return buckets.size();
	}

	/** Drops buckets, least recently seen first, that have refilled completely since they were last used. */
	private void forgetIdle(long now) {
		Iterator<Bucket> eldest = buckets.values().iterator();
		while (eldest.hasNext()) {
			if (now - eldest.next().seen < fullAfterMillis) {
				return;
			}
			eldest.remove();
		}
	}

	private static final class Bucket {

		double tokens;

		long seen;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.seen = now;
		}

		void refill(long now, double capacity, double perMilli) {
			// A clock set back must not take tokens away nor hand out a fresh bucket.
			long elapsed = Math.max(0, now - seen);
			tokens = Math.min(capacity, tokens + elapsed * perMilli);
			seen = Math.max(seen, now);
		}
	}
}
