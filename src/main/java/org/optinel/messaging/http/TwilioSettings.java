package org.optinel.messaging.http;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Twilio's Messages API ({@code optinel.sms.twilio.*}). Bind it with
 * {@code Binder.get(environment).bind(TwilioSettings.PREFIX, TwilioSettings.class)}; the
 * defaults below then apply to what is not set.
 *
 * @param baseUrl the API's root, {@code https://api.twilio.com} unless a compatible provider or a test stands in
 * @param accountSid the account SID ({@code AC...}), in the request path and the user of HTTP Basic auth
 * @param authToken the account's auth token, the password of HTTP Basic auth; never printed
 * @param concurrency requests in flight at once (default 4)
 * @param timeout how long to wait for a connection, and then as long again for the answer (default 10s)
 * @param statusCallback where Twilio posts delivery statuses; none when {@code null}
 */
public record TwilioSettings(@DefaultValue("https://api.twilio.com") URI baseUrl, String accountSid,
		String authToken, @DefaultValue("4") int concurrency, @DefaultValue("10s") Duration timeout,
		URI statusCallback) {

	public static final String PREFIX = "optinel.sms.twilio";

	public static final URI DEFAULT_BASE_URL = URI.create("https://api.twilio.com");

	public TwilioSettings {
		baseUrl = (baseUrl == null) ? DEFAULT_BASE_URL : baseUrl;
		HttpSettings.requireHttpUrl(baseUrl, PREFIX + ".base-url");
		if (accountSid == null || accountSid.isBlank()) {
			throw new IllegalArgumentException(PREFIX + ".account-sid must be set: the SID of the Twilio account (AC...)");
		}
		if (!accountSid.matches("[A-Za-z0-9]{1,64}")) {
			throw new IllegalArgumentException(PREFIX + ".account-sid must be letters and digits only, like AC0123...");
		}
		if (authToken == null || authToken.isBlank()) {
			throw new IllegalArgumentException(PREFIX + ".auth-token must be set: the auth token of the Twilio account");
		}
		HttpSettings.requireConcurrency(concurrency, PREFIX + ".concurrency");
		HttpSettings.requireTimeout(timeout, PREFIX + ".timeout");
		if (statusCallback != null) {
			HttpSettings.requireHttpUrl(statusCallback, PREFIX + ".status-callback");
		}
	}

	/** Where messages are created: {@code {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json}. */
	public URI messagesUrl() {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + "/2010-04-01/Accounts/" + this.accountSid + "/Messages.json");
	}

	@Override
	public String toString() {
		// The auth token never reaches a log line.
		return "TwilioSettings[" + this.accountSid + "@" + HttpSettings.printable(this.baseUrl) + ", concurrency=" + this.concurrency
				+ ", timeout=" + this.timeout + ", statusCallback=" + HttpSettings.printable(this.statusCallback) + "]";
	}
}
