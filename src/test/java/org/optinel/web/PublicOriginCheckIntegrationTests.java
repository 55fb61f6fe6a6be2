package org.optinel.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.EmailAddress;
import org.optinel.core.TenantId;
import org.optinel.messaging.UnsubscribeLinks;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages' defence against cross-site request forgery: a POST that a browser says came
 * from another site is refused and writes nothing; one from the page itself, or from a server with
 * no browser headers at all (an RFC 8058 one-click unsubscribe), goes through.
 */
@OnSqlite
class PublicOriginCheckIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	UnsubscribeLinks links;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant;

	Api api;

	String unsubscribe;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void aTenantAndAnUnsubscribeLink() {
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		unsubscribe = links.path(tenant, EmailAddress.parse("jeanne.martin@example.fr", "email"), "newsletter");
	}

	@Test
	@DisplayName("EM-02: a one-click unsubscribe from a mail provider's server, with no Origin, still works")
	void aOneClickUnsubscribeWithNoOriginStillWorks() throws Exception {
		HttpResponse<String> done = oneClick(null, null);

		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(suppressions()).isEqualTo(1);
	}

	@Test
	void aPostFromThePageItselfGoesThrough() throws Exception {
		HttpResponse<String> done = oneClick("http://127.0.0.1:" + port, "same-origin");

		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(suppressions()).isEqualTo(1);
	}

	@Test
	void aPostFromOurOwnPageWhichBrowsersSendWithOriginNullGoesThrough() throws Exception {
		// Our pages say Referrer-Policy: no-referrer, so browsers post them with Origin: null.
		HttpResponse<String> done = oneClick("null", "same-origin");

		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(suppressions()).isEqualTo(1);
	}

	@Test
	void aPostFromAnotherSiteIsRefusedWithAProblemAndChangesNothing() throws Exception {
		HttpResponse<String> refused = oneClick("https://evil.example.com", "cross-site");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("\"type\":\"https://optinel.org/problems/foreign-origin\"",
				"\"status\":403", "https://evil.example.com", "nothing was recorded");
		assertThat(suppressions()).isZero();
	}

	@Test
	void aBrowserSentFromAnotherSiteReadsARefusalPageInItsLanguageAndNothingChanges() throws Exception {
		HttpResponse<String> refused = http.send(new Api(port, null).builder(unsubscribe)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.header("Accept-Language", "en-GB,en;q=0.9")
			.header("Origin", "https://evil.example.com")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("text/html"));
		assertThat(refused.body()).contains("<html lang=\"en\">", "Submission refused", "nothing was recorded");
		assertThat(suppressions()).isZero();
	}

	@Test
	void aPostThatABrowserSaysIsCrossSiteIsRefusedEvenWithoutAnOrigin() throws Exception {
		assertThat(oneClick("null", "cross-site").statusCode()).isEqualTo(403);
		assertThat(oneClick(null, "same-site").statusCode()).isEqualTo(403);
		assertThat(suppressions()).isZero();
	}

	@Test
	void thePortIsPartOfTheOrigin() throws Exception {
		assertThat(oneClick("http://127.0.0.1:1", null).statusCode()).isEqualTo(403);
		assertThat(oneClick("https://127.0.0.1:" + port, null).statusCode()).isEqualTo(403);
		assertThat(suppressions()).isZero();
	}

	@Test
	void theApiIsNotConcernedItsCallersHaveKeys() throws Exception {
		HttpResponse<String> created = http.send(api.builder("/api/v1/purposes")
			.header("Content-Type", "application/json")
			.header("Origin", "https://evil.example.com")
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\": \"news\", \"name\": \"News\", \"kind\": \"MARKETING\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(created.statusCode()).isEqualTo(201);
	}

	@Test
	void readsAreNotConcerned() throws Exception {
		HttpResponse<String> page = http.send(api.builder(unsubscribe)
			.header("Origin", "https://evil.example.com")
			.header("Sec-Fetch-Site", "cross-site")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> oneClick(String origin, String fetchSite) throws Exception {
		HttpRequest.Builder request = new Api(port, null).builder(unsubscribe)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"));
		if (origin != null) {
			request.header("Origin", origin);
		}
		if (fetchSite != null) {
			request.header("Sec-Fetch-Site", fetchSite);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long suppressions() {
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single();
	}
}
