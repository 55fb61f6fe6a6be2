package org.optinel.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-IP rate limits of the public pages ({@code optinel.web.public-rate-limit.*}): hosted forms,
 * double opt-in confirmations, the preference centre, unsubscribe and campaign answer pages. Each
 * client IP has two token buckets, one for reads (GET, HEAD, OPTIONS) and a tighter one for writes
 * (POST and the rest): a bucket holds {@code burst} tokens and refills at the per-minute rate.
 * The defaults leave room for many people behind one shared NAT (a school, an office, a mobile
 * carrier) while stopping a script from filling the base with made-up sign-ups.
 *
 * @param enabled whether the public pages are limited at all
 * @param readsPerMinute the steady rate of reads allowed per IP
 * @param readBurst how many reads an IP may make at once before the rate applies
 * @param writesPerMinute the steady rate of writes allowed per IP
 * @param writeBurst how many writes an IP may make at once before the rate applies
 * @param maxClients how many IPs are tracked per budget; beyond that the least recently seen is forgotten
 */
@ConfigurationProperties("optinel.web.public-rate-limit")
public record PublicRateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("120") int readsPerMinute, @DefaultValue("60") int readBurst,
		@DefaultValue("30") int writesPerMinute, @DefaultValue("10") int writeBurst,
		@DefaultValue("100000") int maxClients) {

	public PublicRateLimitProperties {
		positive(readsPerMinute, "reads-per-minute");
		positive(readBurst, "read-burst");
		positive(writesPerMinute, "writes-per-minute");
		positive(writeBurst, "write-burst");
		positive(maxClients, "max-clients");
	}

	private static void positive(int value, String name) {
		if (value < 1) {
			throw new IllegalStateException("optinel.web.public-rate-limit." + name + " must be at least 1, not " + value);
		}
	}
}
