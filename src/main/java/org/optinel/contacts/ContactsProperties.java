package org.optinel.contacts;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contacts module ({@code optinel.contacts.*}).
 *
 * @param maxClockSkew how far in the future an activity time may lie (clocks differ a little)
 * @param importDir where uploaded import files wait for their job
 * @param importBatchSize rows written per transaction by an import
 * @param importErrorLimit how many rejected rows an import's error report keeps (all are counted)
 * @param erasureChunkSize contacts erased per transaction by a large erasure (a retention purge)
 */
@ConfigurationProperties("optinel.contacts")
public record ContactsProperties(@DefaultValue("5m") Duration maxClockSkew, @DefaultValue("data/imports") Path importDir,
		@DefaultValue("50000") int importBatchSize, @DefaultValue("10000") int importErrorLimit,
		@DefaultValue("500") int erasureChunkSize) {

	public ContactsProperties {
		if (maxClockSkew.isNegative()) {
			throw new IllegalStateException("optinel.contacts.max-clock-skew must not be negative");
		}
		if (importBatchSize < 1) {
			throw new IllegalStateException("optinel.contacts.import-batch-size must be at least 1");
		}
		if (erasureChunkSize < 1) {
			throw new IllegalStateException("optinel.contacts.erasure-chunk-size must be at least 1");
		}
		if (importErrorLimit < 0) {
			throw new IllegalStateException("optinel.contacts.import-error-limit must not be negative");
		}
	}
}
