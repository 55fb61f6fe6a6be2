package org.optinel.core;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered identifiers (UUID version 7, RFC 9562): new rows land at the right edge of every
 * B-tree instead of at random pages, which is what makes bulk imports fast on SQLite.
 *
 * <p>Identifiers are unique, not secret: nothing may rely on them being unguessable.
 */
public final class Ids {

	private final Clock clock;

	/** Last issued (millisecond << 12 | counter); keeps ids strictly increasing within one JVM. */
	private final AtomicLong last = new AtomicLong();

	public Ids(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether {@code value} is a UUID in canonical form (36 characters, lower case), the only form
	 * Optinel issues. {@link java.util.UUID#fromString} also takes {@code 1-1-1-1-1}.
	 */
	public static boolean isCanonical(String value) {
		// By hand rather than by a regular expression: every id read from the database passes here.
		if (value == null || value.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/** A new, strictly increasing UUIDv7 in canonical form. */
	public String next() {
		long now = clock.millis() << 12;
		long stamp = last.updateAndGet(previous -> Math.max(previous + 1, now));
		long millis = stamp >>> 12;
		long counter = stamp & 0xFFF;
		long high = (millis << 16) | 0x7000L | counter;
		long low = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}
}
