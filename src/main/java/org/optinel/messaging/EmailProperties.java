package org.optinel.messaging;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider sends email ({@code optinel.email.*}). SMTP itself is configured with Spring Boot's
 * standard {@code spring.mail.*} properties.
 *
 * @param provider {@code file} (the default: {@code .eml} files, nothing leaves) or {@code smtp}
 * @param fileDir where the file provider writes its {@code .eml} files
 * @param concurrency SMTP connections kept open and used at once
 */
@ConfigurationProperties("optinel.email")
public record EmailProperties(@DefaultValue("file") String provider,
		@DefaultValue("data/outbox/email") Path fileDir, @DefaultValue("4") int concurrency) {

	public static final List<String> PROVIDERS = List.of("file", "smtp");

	public EmailProperties {
		if (!PROVIDERS.contains(provider)) {
			throw new IllegalStateException("optinel.email.provider must be one of " + PROVIDERS + ", was '"
					+ provider + "'");
		}
		if (concurrency < 1 || concurrency > 64) {
			throw new IllegalStateException("optinel.email.concurrency must be 1-64, was " + concurrency);
		}
	}
}
