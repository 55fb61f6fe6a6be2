package org.optinel.messaging;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging module ({@code optinel.messaging.*}).
 *
 * @param maxInboundText the longest inbound text accepted, in UTF-16 units (a 10-part concatenated SMS is 1,530 GSM characters; Twilio's limit is 1,600)
 * @param maxClockSkew how far in the future an inbound message's time may lie
 * @param optOutConfirmationWindow after how long an opt-out confirmation is no longer sent (US-03: within 5 minutes)
 * @param replyWindow after how long another reply (help, opt-in confirmation) is no longer worth sending
 * @param publicBaseUrl the base URL callers see (scheme, host, port) when it differs from what this server sees behind a proxy; the Twilio signature covers it
 */
@ConfigurationProperties("optinel.messaging")
public record MessagingProperties(@DefaultValue("1600") int maxInboundText, @DefaultValue("5m") Duration maxClockSkew,
		@DefaultValue("5m") Duration optOutConfirmationWindow, @DefaultValue("24h") Duration replyWindow,
		URI publicBaseUrl) {

	public MessagingProperties {
		if (maxInboundText < 160) {
			throw new IllegalStateException("optinel.messaging.max-inbound-text must be at least 160, e.g. 1600");
		}
		if (maxClockSkew.isNegative()) {
			throw new IllegalStateException("optinel.messaging.max-clock-skew must not be negative");
		}
		if (optOutConfirmationWindow.isNegative() || optOutConfirmationWindow.isZero()
				|| optOutConfirmationWindow.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalStateException("optinel.messaging.opt-out-confirmation-window must be positive and at most "
					+ "5m (US-03)");
		}
		if (replyWindow.isNegative() || replyWindow.isZero()) {
			throw new IllegalStateException("optinel.messaging.reply-window must be positive, e.g. 24h");
		}
		if (publicBaseUrl != null && (publicBaseUrl.getScheme() == null || publicBaseUrl.getHost() == null)) {
			throw new IllegalStateException("optinel.messaging.public-base-url must be an absolute URL such as "
					+ "https://optinel.example.com, not " + publicBaseUrl);
		}
	}
}
