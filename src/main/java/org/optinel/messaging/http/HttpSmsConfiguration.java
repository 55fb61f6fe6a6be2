package org.optinel.messaging.http;

import java.time.Clock;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The HTTP provider's settings, as a bean only when {@code optinel.sms.http.secret} is set to
 * something other than blanks: the webhooks need the secret, and a deployment without the provider
 * must start without it (an empty {@code ${...:}} placeholder counts as unset). Once the secret is
 * set, the other settings are checked at start-up and a bad one stops it, naming the property.
 */
@Configuration(proxyBeanMethods = false)
class HttpSmsConfiguration {

	@Bean
	@Conditional(SecretSet.class)
	JsonWebhookSettings jsonWebhookSettings(Environment environment) {
		return Binder.get(environment).bind(JsonWebhookSettings.PREFIX, JsonWebhookSettings.class).get();
	}

	/** The Twilio-compatible provider ({@code optinel.sms.provider=twilio}). */
	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "optinel.sms.provider", havingValue = "twilio")
	TwilioSmsGateway twilioSmsGateway(Environment environment, Clock clock) {
		TwilioSettings settings = Binder.get(environment)
			.bind(TwilioSettings.PREFIX, TwilioSettings.class)
			.orElseThrow(() -> new IllegalStateException(TwilioSettings.PREFIX
					+ ".account-sid and .auth-token must be set when optinel.sms.provider=twilio"));
		return new TwilioSmsGateway(settings, clock);
	}

	/** The generic JSON webhook provider ({@code optinel.sms.provider=http}). */
	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "optinel.sms.provider", havingValue = "http")
	JsonWebhookSmsGateway jsonWebhookSmsGateway(ObjectProvider<JsonWebhookSettings> settings, Clock clock) {
		JsonWebhookSettings s = settings.getIfAvailable();
		if (s == null) {
			throw new IllegalStateException(JsonWebhookSettings.PREFIX
					+ ".secret must be set when optinel.sms.provider=http (and " + JsonWebhookSettings.PREFIX + ".url)");
		}
		return new JsonWebhookSmsGateway(s, clock);
	}

	/** {@code optinel.sms.http.secret} has text. */
	static final class SecretSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(JsonWebhookSettings.PREFIX + ".secret"));
		}
	}
}
