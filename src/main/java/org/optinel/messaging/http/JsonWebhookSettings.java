package org.optinel.messaging.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach an SMS provider that takes signed JSON ({@code optinel.sms.http.*}), and the secret
 * that signs what goes both ways. Bound by the application only when
 * {@code optinel.sms.http.secret} is set to something other than blanks.
 *
 * @param url where each message is posted
 * @param secret the shared HMAC-SHA256 key of {@code X-Optinel-Signature}, at least 16 bytes; never printed
 * @param concurrency requests in flight at once (default 4)
 * @param timeout how long to wait for a connection, and then as long again for the answer (default 10s)
 * @param statusUrl the {@code statusUrl} sent with each message that asks for a receipt; none when {@code null}
 */
public record JsonWebhookSettings(URI url, String secret, @DefaultValue("4") int concurrency,
		@DefaultValue("10s") Duration timeout, URI statusUrl) {

	public static final String PREFIX = "optinel.sms.http";

	static final int MIN_SECRET_BYTES = 16;

	public JsonWebhookSettings {
		if (url == null) {
			throw new IllegalArgumentException(PREFIX + ".url must be set: where the provider takes messages");
		}
		HttpSettings.requireHttpUrl(url, PREFIX + ".url");
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException(PREFIX + ".secret must be set: the key shared with the provider");
		}
		if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(PREFIX + ".secret must be at least " + MIN_SECRET_BYTES
					+ " bytes long, e.g. 32 random bytes in hex");
		}
		HttpSettings.requireConcurrency(concurrency, PREFIX + ".concurrency");
		HttpSettings.requireTimeout(timeout, PREFIX + ".timeout");
		if (statusUrl != null) {
			HttpSettings.requireHttpUrl(statusUrl, PREFIX + ".status-url");
		}
	}

	@Override
	public String toString() {
		// The secret never reaches a log line.
		return "JsonWebhookSettings[" + HttpSettings.printable(this.url) + ", concurrency=" + this.concurrency + ", timeout=" + this.timeout
				+ ", statusUrl=" + HttpSettings.printable(this.statusUrl) + "]";
	}
}
