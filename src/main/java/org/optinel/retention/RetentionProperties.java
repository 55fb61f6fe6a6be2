package org.optinel.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of retention ({@code optinel.retention.*}), FR-09.
 *
 * @param prospectMonths how long a prospect without consent is kept after its collection and its
 *        last inbound act (a reply, a click, a purchase...)
 * @param clientMonths how long an ex-client without consent is kept after the relationship ends,
 *        which is the tenant's client window after the last client-making activity
 * @param sampleSize how many contact ids a dry run of the purge shows
 */
@ConfigurationProperties("optinel.retention")
public record RetentionProperties(@DefaultValue("36") int prospectMonths, @DefaultValue("36") int clientMonths,
		@DefaultValue("20") int sampleSize) {

	public RetentionProperties {
		if (prospectMonths < 1) {
			throw new IllegalStateException("optinel.retention.prospect-months must be at least 1, was " + prospectMonths);
		}
		if (clientMonths < 1) {
			throw new IllegalStateException("optinel.retention.client-months must be at least 1, was " + clientMonths);
		}
		if (sampleSize < 0) {
			throw new IllegalStateException("optinel.retention.sample-size must not be negative, was " + sampleSize);
		}
	}
}
