package org.optinel.pages;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hosted form embedded in the tenant's own sites over real HTTP: the sites are declared and
 * checked, the iframe page may be framed by them alone, the fragment and its answers are shared
 * with them alone by CORS, a POST from any other site is refused, and an embedded answer obeys the
 * same consent rules as the form's own page and says in its evidence where it was embedded.
 */
@OnSqlite
class EmbeddedFormIntegrationTests {

	static final String SHOP = "https://shop.example.fr";

	static final String BLOG = "https://blog.example.fr";

	static final String EVIL = "https://evil.example.com";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Api api;

	Api anonymous;

	TenantId tenant;

	String newsletterFr;

	String newsletterEn;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void aTenantWithAPurposeAndItsNotices() {
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		anonymous = new Api(port, null);
		assertThat(api.post("/api/v1/purposes", "{\"key\": \"newsletter\", \"name\": \"Lettre\", \"kind\": \"MARKETING\"}")
			.status()).isEqualTo(201);
		newsletterFr = api.post("/api/v1/notices", "{\"purpose\": \"newsletter\", \"language\": \"fr\", \"text\": "
				+ "\"Je souhaite recevoir la lettre par e-mail.\"}").text("id");
		newsletterEn = api.post("/api/v1/notices", "{\"purpose\": \"newsletter\", \"language\": \"en\", \"text\": "
				+ "\"I want the newsletter by email.\"}").text("id");
	}

	// Declaring the sites

	@Test
	void declaredOriginsAreNormalisedAndTheFormAnswersWithItsSnippets() {
		JsonNode form = define("[\"HTTPS://Shop.Example.fr:443\", \"" + BLOG + "\", \"http://localhost:8080\"]");

		assertThat(form.path("embedOrigins").toString())
			.isEqualTo("[\"https://shop.example.fr\",\"https://blog.example.fr\",\"http://localhost:8080\"]");
		String page = "http://127.0.0.1:" + port + form.path("url").asString();
		assertThat(form.path("embed").path("iframe").asString()).startsWith("<iframe src=\"" + page + "?embed=1\"")
			.contains("title=\"Lettre\"");
		assertThat(form.path("embed").path("script").asString()).isEqualTo("<script src=\"" + page
				+ "/embed.js\" data-lang=\"fr\" async></script>");
		assertThat(api.get("/api/v1/forms/" + form.path("id").asString()).json().path("embedOrigins")).hasSize(3);
	}

	@Test
	void aFormWithoutDeclaredSitesHasNoSnippetsAndNoScript() {
		JsonNode form = define(null);

		assertThat(form.path("embedOrigins")).isEmpty();
		assertThat(form.path("embed").isNull() || form.path("embed").isMissingNode()).isTrue();
		assertThat(anonymous.get(form.path("url").asString() + "/embed.js").status()).isEqualTo(404);
	}

	@Test
	void anOriginThatIsNotHttpsOrHasAPathIsRefusedNamingItsPlaceAndNothingIsStored() {
		List<String> refused = List.of("http://shop.example.fr", "https://shop.example.fr/signup",
				"https://shop.example.fr/", "https://*.example.fr", "shop.example.fr", "https://user@shop.example.fr",
				"ftp://localhost", "");
		for (int i = 0; i < refused.size(); i++) {
			Api.Response answer = api.post("/api/v1/forms", body("[\"" + SHOP + "\", \"" + refused.get(i) + "\"]"));

			assertThat(answer.status()).as(refused.get(i)).isEqualTo(422);
			assertThat(answer.isProblem()).isTrue();
			assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("embedOrigins[1]");
		}
		Api.Response twice = api.post("/api/v1/forms", body("[\"" + SHOP + "\", \"https://SHOP.example.fr\"]"));
		assertThat(twice.status()).isEqualTo(422);
		assertThat(twice.body()).contains("named twice");
		assertThat(count("hosted_form")).isZero();
	}

	// The iframe

	@Test
	void theIframePageMayBeFramedByTheDeclaredSitesOnlyAndTheOwnPageByNone() throws Exception {
		String url = define("[\"" + SHOP + "\", \"" + BLOG + "\"]").path("url").asString();

		HttpResponse<String> own = get(url, null, null);
		HttpResponse<String> framed = get(url + "?embed=1", null, null);
		HttpResponse<String> fromTheShop = get(url + "?embed=1", "Referer", SHOP + "/newsletter.html");

		assertThat(csp(own)).contains("frame-ancestors 'none'");
		assertThat(csp(framed)).contains("frame-ancestors " + SHOP + " " + BLOG + ";")
			.contains("default-src 'none'", "form-action 'self'").doesNotContain("script-src", "'none'; base");
		assertThat(own.body()).doesNotContain("target=\"_blank\"");
		assertThat(framed.body()).contains("action=\"/f/" + tenant.value() + ".", "?embed=1\"",
				"href=\"https://example.fr/confidentialite\" rel=\"noopener\" target=\"_blank\"")
			.doesNotContain("embedOrigin", "checked");
		// the browser named the framing site: only it may frame this page, and the form carries it
		assertThat(csp(fromTheShop)).contains("frame-ancestors " + SHOP + ";");
		assertThat(fromTheShop.body()).contains("name=\"embedOrigin\" value=\"" + SHOP + "\"",
				"?embed=1&amp;origin=https%3A%2F%2Fshop.example.fr&amp;lang=en");
		assertThat(framed.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}

	@Test
	@DisplayName("GDPR-02: an answer sent from the iframe records the grant with the embedding site in its evidence")
	void anAnswerFromTheIframeNamesTheSiteInItsEvidence() {
		JsonNode form = define("[\"" + SHOP + "\"]");
		String url = form.path("url").asString();

		HttpResponse<String> thanks = post(url + "?embed=1", null, "lang", "fr", "version", "1", "embedOrigin", SHOP,
				"email", "jeanne.martin@example.fr", "ask0", "yes");

		assertThat(thanks.statusCode()).isEqualTo(200);
		assertThat(thanks.body()).contains("Merci");
		assertThat(csp(thanks)).contains("frame-ancestors " + SHOP + ";");
		JsonNode evidence = onlyEvidence();
		assertThat(evidence.path("formId").asString()).isEqualTo(form.path("id").asString() + "@v1");
		assertThat(evidence.path("embedded").path("via").asString()).isEqualTo("iframe");
		assertThat(evidence.path("embedded").path("origin").asString()).isEqualTo(SHOP);
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();
	}

	// The script

	@Test
	void theScriptIsServedForAFormWithDeclaredSites() throws Exception {
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> script = get(url + "/embed.js", null, null);

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("text/javascript"));
		assertThat(script.body()).contains("fetch(", "?fragment=1", "credentials: 'omit'");
	}

	@Test
	void theFragmentIsSharedByCorsWithADeclaredSiteOnly() throws Exception {
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> shop = get(url + "?fragment=1&lang=en", "Origin", SHOP);
		HttpResponse<String> evil = get(url + "?fragment=1&lang=en", "Origin", EVIL);

		assertThat(shop.statusCode()).isEqualTo(200);
		assertThat(shop.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
		assertThat(shop.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
		assertThat(shop.body()).startsWith("<section class=\"optinel-form\" lang=\"en\"")
			.contains("action=\"http://127.0.0.1:" + port + url + "?fragment=1\"", "I want the newsletter by email.",
					"href=\"http://127.0.0.1:" + port + url + "?fragment=1&amp;lang=fr\"")
			.doesNotContain("<html", "checked");
		assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void aPreflightIsAnsweredForADeclaredSiteOnly() throws Exception {
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> shop = preflight(url + "?fragment=1", SHOP);
		HttpResponse<String> evil = preflight(url + "?fragment=1", EVIL);

		assertThat(shop.statusCode()).isEqualTo(204);
		assertThat(shop.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
		assertThat(shop.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
				m -> assertThat(m).contains("POST"));
		assertThat(evil.statusCode()).isEqualTo(403);
		assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(evil.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02, GDPR-04: an answer sent by the script from a declared site records one grant per ticked box, embedded in that site")
	void anAnswerFromTheScriptRecordsTheGrantWithTheSiteAsEvidence() {
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> thanks = post(url + "?fragment=1", SHOP, "lang", "en", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes");

		assertThat(thanks.statusCode()).isEqualTo(200);
		assertThat(thanks.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
		assertThat(thanks.body()).contains("Thank you").doesNotContain("<html");
		assertThat(count("consent_event")).isEqualTo(1);
		JsonNode evidence = onlyEvidence();
		assertThat(evidence.path("embedded").path("via").asString()).isEqualTo("script");
		assertThat(evidence.path("embedded").path("origin").asString()).isEqualTo(SHOP);
		assertThat(evidence.path("ip").asString()).isEqualTo("127.0.0.1");
		assertThat(evidence.path("checkbox").path("prechecked").asBoolean()).isFalse();
	}

	@Test
	@DisplayName("GDPR-01: an embedded answer on a double opt-in purpose stays pending and the site's page says to open the email")
	void anEmbeddedAnswerOnADoubleOptInPurposeSaysToOpenTheEmail() {
		Api.Response sender = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Exemple\","
					+ "\"emailFromAddress\":\"news@example.fr\",\"emailFromName\":\"Exemple\"}")));
		assertThat(sender.status()).as(sender.body()).isEqualTo(200);
		assertThat(api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"EMAIL\"]}").status()).isEqualTo(200);
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> answer = post(url + "?fragment=1", SHOP, "lang", "en", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("One last step: we have just sent you an email").doesNotContain("<html");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_state WHERE tenant_id = ? AND status = 'PENDING'")
			.param(tenant.value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("GDPR-01: an embedded answer claiming a pre-ticked box is refused and writes nothing, as on the form's own page")
	void anEmbeddedAnswerClaimingAPreTickedBoxIsRefused() {
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> script = post(url + "?fragment=1", SHOP, "lang", "fr", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes", "prechecked", "true");
		HttpResponse<String> iframe = post(url + "?embed=1", null, "lang", "fr", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes", "prechecked", "true");

		assertThat(script.statusCode()).isEqualTo(422);
		assertThat(iframe.statusCode()).isEqualTo(422);
		assertThat(script.body()).contains("rien n'a été enregistré");
		assertThat(count("consent_event")).isZero();
		assertThat(count("contact")).isZero();
	}

	@Test
	void aPostFromAnUndeclaredSiteIsRefusedWithAProblemAndWritesNothing() {
		JsonNode form = define("[\"" + SHOP + "\"]");
		String url = form.path("url").asString();

		HttpResponse<String> evil = post(url + "?fragment=1", EVIL, "lang", "fr", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes");
		HttpResponse<String> plain = post(url, EVIL, "lang", "fr", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes");

		for (HttpResponse<String> refused : List.of(evil, plain)) {
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					t -> assertThat(t).startsWith("application/problem+json"));
			assertThat(refused.body()).contains("https://optinel.org/problems/foreign-origin", EVIL);
			assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		}
		assertThat(count("consent_event")).isZero();
		assertThat(count("contact")).isZero();
	}

	@Test
	void aSiteDeclaredByAnotherFormMayNotPostToThisOne() {
		define("[\"" + EVIL + "\"]");
		String url = define("[\"" + SHOP + "\"]").path("url").asString();

		HttpResponse<String> refused = post(url + "?fragment=1", EVIL, "lang", "fr", "version", "1", "email",
				"jeanne.martin@example.fr", "ask0", "yes");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(count("consent_event")).isZero();
	}

	// Helpers

	private JsonNode define(String origins) {
		Api.Response created = api.post("/api/v1/forms", body(origins));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private String body(String origins) {
		return """
				{"name": "Lettre",
				 "asks": [{"channel": "EMAIL", "purpose": "newsletter", "noticeIds": {"fr": "%s", "en": "%s"}}],
				 "fields": [{"name": "email", "required": true}],
				 "privacyPolicyUrl": "https://example.fr/confidentialite",
				 "controller": "Exemple SAS"%s}
				""".formatted(newsletterFr, newsletterEn, origins == null ? "" : ", \"embedOrigins\": " + origins);
	}

	private JsonNode onlyEvidence() {
		String contactId = jdbc.sql("SELECT contact_id FROM consent_event WHERE tenant_id = ?").param(tenant.value())
			.query(String.class).single();
		JsonNode events = api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
		assertThat(events).hasSize(1);
		return events.get(0).path("evidence").path("fields");
	}

	private HttpResponse<String> get(String path, String header, String value) throws Exception {
		HttpRequest.Builder request = anonymous.builder(path).GET();
		if (header != null) {
			request.header(header, value);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> preflight(String path, String origin) throws Exception {
		return http.send(anonymous.builder(path)
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String origin, String... namesAndValues) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			pairs.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		HttpRequest.Builder request = anonymous.builder(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "Mozilla/5.0 Test")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
		if (origin != null) {
			request.header("Origin", origin);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String csp(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Security-Policy").orElseThrow();
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single();
	}
}
