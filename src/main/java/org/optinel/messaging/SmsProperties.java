package org.optinel.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.optinel.messaging.smpp.SmppSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider sends SMS ({@code optinel.sms.*}) and how to reach it.
 *
 * @param provider {@code file} (the default: a JSON-lines log, nothing leaves), {@code smpp},
 *        {@code twilio} or {@code http}
 * @param file the JSON-lines log of the file provider
 * @param smpp the SMSC of the {@code smpp} provider
 */
@ConfigurationProperties("optinel.sms")
public record SmsProperties(@DefaultValue("file") String provider, @DefaultValue("data/outbox/sms.jsonl") Path file,
		@DefaultValue Smpp smpp) {

	public static final List<String> PROVIDERS = List.of("file", "smpp", "twilio", "http");

	public SmsProperties {
		if (!PROVIDERS.contains(provider)) {
			throw new IllegalStateException("optinel.sms.provider must be one of " + PROVIDERS + ", was '" + provider
					+ "'");
		}
	}

	/**
	 * An SMSC over SMPP 3.4 ({@code optinel.sms.smpp.*}).
	 *
	 * @param defaultTenant the tenant that receives the messages people send (MO) when no tenant
	 *        declares the number they were sent to; unset: such messages are refused and the SMSC
	 *        keeps them and offers them again
	 */
	public record Smpp(String host, @DefaultValue("2775") int port, String systemId, String password,
			String systemType, @DefaultValue("8") int window, @DefaultValue("30s") Duration enquireLink,
			@DefaultValue("10s") Duration responseTimeout, @DefaultValue("500ms") Duration reconnectMin,
			@DefaultValue("30s") Duration reconnectMax, @DefaultValue("200ms") Duration throttlePause,
			@DefaultValue("20") int throttleRetries, String defaultTenant) {

		/** The settings, or a start-up failure that names the missing or wrong property. */
		public SmppSettings settings() {
			require(host, "host");
			require(systemId, "system-id");
			require(password, "password");
			try {
				return new SmppSettings(host, port, systemId, password, systemType, window, enquireLink,
						responseTimeout, reconnectMin, reconnectMax, throttlePause, throttleRetries);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}

		private static void require(String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalStateException("optinel.sms.smpp." + name + " must be set when optinel.sms.provider=smpp"
						+ " (environment: OPTINEL_SMS_SMPP_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
						+ ")");
			}
		}

		@Override
		public String toString() {
			return "Smpp[" + systemId + "@" + host + ":" + port + "]";
		}
	}
}
