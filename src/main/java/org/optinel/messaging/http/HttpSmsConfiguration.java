package org.optinel.messaging.http;

import org.springframework.boot.context.properties.bind.Binder;
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

	/** {@code optinel.sms.http.secret} has text. */
	static final class SecretSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(JsonWebhookSettings.PREFIX + ".secret"));
		}
	}
}
