package org.optinel.messaging;

import java.net.URI;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base URL that people's browsers reach this service at, for the links put in messages and
 * pages (confirmation, preference centre, campaign answers): {@code optinel.messaging.public-base-url}
 * without its trailing slash, else this server on localhost, which only suits development.
 */
@Component
public class PublicBaseUrl {

	private final MessagingProperties messaging;

	private final Environment environment;

	PublicBaseUrl(MessagingProperties messaging, Environment environment) {
		this.messaging = messaging;
		this.environment = environment;
	}

	/** Scheme, host and port, with no trailing slash: a path is appended to it. */
	public String get() {
		URI base = messaging.publicBaseUrl();
		if (base != null) {
			return base.toString().replaceAll("/+$", "");
		}
		return "http://localhost:" + environment.getProperty("local.server.port",
				environment.getProperty("server.port", "8080"));
	}
}
