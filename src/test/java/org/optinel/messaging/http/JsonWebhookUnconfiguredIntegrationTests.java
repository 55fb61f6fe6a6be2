package org.optinel.messaging.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Without {@code optinel.sms.http.secret} the application starts, and the HTTP provider's webhooks
 * say the provider is not configured, whatever is sent. The database plays no part, so SQLite only.
 */
@OnSqlite
class JsonWebhookUnconfiguredIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void theWebhooksAnswerNotFoundWhenTheProviderIsNotConfigured() {
		String tenant = tenants.create().tenant().id().value();
		String body = "{\"id\":\"p-1\",\"state\":\"DELIVERED\"}";
		String signature = WebhookSignature.of("any-secret-of-sixteen-bytes", body.getBytes(StandardCharsets.UTF_8));

		for (String path : new String[] { "/webhooks/sms/" + tenant + "/inbound", "/webhooks/sms/" + tenant + "/status" }) {
			Api.Response response = new Api(port, null).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/json")
				.header(WebhookSignature.HEADER, signature)
				.POST(HttpRequest.BodyPublishers.ofString(body)));

			assertProblem(response, 404, "sms-provider-not-configured");
			assertThat(response.json().path("detail").asString()).contains("the http SMS provider is not configured");
		}
	}
}
