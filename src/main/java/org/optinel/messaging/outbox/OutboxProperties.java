package org.optinel.messaging.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox ({@code optinel.outbox.*}): whether it sends, and how each channel's
 * dispatcher sends ({@code optinel.outbox.sms.*}, {@code optinel.outbox.email.*}).
 *
 * @param enabled whether the dispatchers run; when false messages wait in the outbox
 */
@ConfigurationProperties("optinel.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue Channel sms,
		@DefaultValue Channel email) {

	/**
	 * One channel's dispatcher; see {@link DispatchSettings} for each field.
	 */
	public record Channel(@DefaultValue("16") int concurrency, @DefaultValue("256") int inFlight,
			@DefaultValue("0") double providerRate, @DefaultValue("0") double tenantRate,
			@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration backoff,
			@DefaultValue("1h") Duration maxBackoff, @DefaultValue("60s") Duration submitTimeout,
			@DefaultValue("1s") Duration poll) {

		DispatchSettings settings(String prefix) {
			try {
				return new DispatchSettings(concurrency, inFlight, providerRate, tenantRate, maxAttempts, backoff,
						maxBackoff, submitTimeout, poll);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
			}
		}
	}
}
