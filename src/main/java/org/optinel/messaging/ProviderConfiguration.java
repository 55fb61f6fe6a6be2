package org.optinel.messaging;

import java.net.URI;
import java.time.Clock;

import org.optinel.messaging.email.SmtpEmailGateway;
import org.optinel.messaging.file.FileEmailGateway;
import org.optinel.messaging.file.FileSmsGateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The providers that need no more than properties: the file outbox (the default for both channels,
 * so that a fresh {@code ./mvnw spring-boot:run} shows what would have been sent) and SMTP. SMPP,
 * Twilio and the JSON webhook are configured beside their adapters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class ProviderConfiguration {

	@Bean
	@ConditionalOnProperty(name = "optinel.sms.provider", havingValue = "file", matchIfMissing = true)
	FileSmsGateway fileSmsGateway(SmsProperties properties, Clock clock) {
		return new FileSmsGateway(properties.file(), clock);
	}

	@Bean
	@ConditionalOnProperty(name = "optinel.email.provider", havingValue = "file", matchIfMissing = true)
	FileEmailGateway fileEmailGateway(EmailProperties properties, Clock clock) {
		return new FileEmailGateway(properties.fileDir(), clock);
	}

	/**
	 * SMTP through Spring Boot's {@code spring.mail.*}. A marketing email carries an HTTPS one-click
	 * unsubscribe URL (EM-01), built on the public base URL: without an HTTPS one, the service does
	 * not start.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "optinel.email.provider", havingValue = "smtp")
	SmtpEmailGateway smtpEmailGateway(MailProperties mail, ObjectProvider<SslBundles> bundles,
			EmailProperties properties, MessagingProperties messaging, Clock clock) {
		URI base = messaging.publicBaseUrl();
		if (base == null || !"https".equalsIgnoreCase(base.getScheme())) {
			throw new IllegalStateException("optinel.messaging.public-base-url must be set to the service's public "
					+ "https URL when optinel.email.provider=smtp: every marketing email carries an HTTPS one-click "
					+ "unsubscribe link built on it (EM-01); was " + base);
		}
		SslBundles ssl = bundles.getIfAvailable();
		return ssl == null ? SmtpEmailGateway.from(mail, properties.concurrency(), clock)
				: SmtpEmailGateway.from(mail, ssl, properties.concurrency(), clock);
	}
}
