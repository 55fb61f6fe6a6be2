package org.optinel.pages;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.Browser;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hosted form embedded in the business's own site, in headless Chromium. The business's site is
 * a second origin: a small JDK HTTP server on another loopback port, serving a page with the
 * form's iframe and a page with its script. A third origin, not declared, tries the same and gets
 * nothing. Screenshots go to {@code target/screenshots/embedded-*}.
 */
@OnSqlite
class EmbeddedFormBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	Api api;

	TenantId tenant;

	HttpServer shop;

	HttpServer stranger;

	String key;

	@BeforeEach
	void aShopThatDeclaredItsSiteAndAStrangerThatDidNot() throws IOException {
		browser = Browser.on(port);
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		shop = site();
		stranger = site();
		key = aFormEmbeddableIn(origin(shop)).path("url").asString().substring("/f/".length());
	}

	@AfterEach
	void closeTheSites() {
		shop.stop(0);
		stranger.stop(0);
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: in the shop's iframe a person ticks an unticked box and one grant is recorded, embedded in the shop")
	void aPersonAnswersInTheShopsIframe() {
		for (String lang : List.of("fr", "en")) {
			browser.open(origin(shop) + "/iframe-" + lang + ".html");
			browser.driver().switchTo().frame(browser.find(By.tagName("iframe")));

			assertThat(browser.language()).isEqualTo(lang);
			assertThat(browser.find(By.id("ask0")).isSelected()).isFalse();
			browser.assertAccessible("the embedded form (iframe) in " + lang);
			browser.driver().switchTo().defaultContent();
			browser.screenshot("embedded-iframe-" + lang);
			browser.driver().switchTo().frame(browser.find(By.tagName("iframe")));
			browser.find(By.id("f-email")).sendKeys(lang + ".jeanne@example.fr");
			browser.find(By.id("ask0")).click();
			browser.submit();

			assertThat(browser.mainText()).contains("fr".equals(lang) ? "Merci, votre réponse a été enregistrée."
					: "Thank you, your answer has been recorded.");
			browser.assertAccessible("the embedded thank-you page (iframe) in " + lang);
			browser.driver().switchTo().defaultContent();
			browser.screenshot("embedded-iframe-thanks-" + lang);

			JsonNode evidence = evidenceOf(lang + ".jeanne@example.fr");
			assertThat(evidence.path("embedded").path("via").asString()).isEqualTo("iframe");
			assertThat(evidence.path("embedded").path("origin").asString()).isEqualTo(origin(shop));
			assertThat(evidence.path("userAgent").asString()).contains("Chrome");
		}
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: on the shop's own page the script shows the form and one grant is recorded, embedded in the shop")
	void aPersonAnswersInTheFormTheScriptShows() {
		for (String lang : List.of("fr", "en")) {
			browser.open(origin(shop) + "/script-" + lang + ".html");
			WebElement box = waitFor(By.id("ask0"));

			assertThat(box.isSelected()).isFalse();
			assertThat(browser.find(By.cssSelector(".optinel-form")).getAttribute("lang")).isEqualTo(lang);
			browser.screenshot("embedded-script-" + lang);
			browser.assertAccessible("the embedded form (script) in " + lang);
			browser.find(By.id("f-email")).sendKeys(lang + ".martin@example.fr");
			box.click();
			browser.find(By.cssSelector(".optinel-form button[type=submit]")).click();
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector(".optinel-embed"), "fr".equals(lang) ? "Merci" : "Thank you"));

			browser.screenshot("embedded-script-thanks-" + lang);
			browser.assertAccessible("the embedded thank-you (script) in " + lang);
			JsonNode evidence = evidenceOf(lang + ".martin@example.fr");
			assertThat(evidence.path("embedded").path("via").asString()).isEqualTo("script");
			assertThat(evidence.path("embedded").path("origin").asString()).isEqualTo(origin(shop));
		}
	}

	@Test
	void aSiteThatWasNotDeclaredCanNeitherFrameTheFormNorShowItNorPostToIt() {
		browser.open(origin(stranger) + "/iframe-fr.html");
		browser.driver().switchTo().frame(browser.find(By.tagName("iframe")));
		assertThat(browser.findAll(By.id("ask0"))).isEmpty();
		browser.driver().switchTo().defaultContent();
		browser.screenshot("embedded-iframe-refused");

		browser.open(origin(stranger) + "/script-fr.html");
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".optinel-embed"), "pas pu être chargé"));
		assertThat(browser.findAll(By.id("ask0"))).isEmpty();
		browser.screenshot("embedded-script-refused");

		// A forged submission: a no-cors POST is sent by the browser, whatever CORS says; the origin check refuses it.
		Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch(arguments[0], {method: 'POST', mode: 'no-cors',
					    body: new URLSearchParams({lang: 'fr', version: '1', email: 'forged@example.fr', ask0: 'yes'})})
					  .then(() => done('sent'), e => done('failed: ' + e));""",
					"http://127.0.0.1:" + port + "/f/" + key);
		assertThat(status).isEqualTo("sent");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_event WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isZero();
	}

	// Helpers

	private WebElement waitFor(By by) {
		return new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
	}

	/** A second origin: pages of a business's site, one per way of embedding and language. */
	private HttpServer site() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		for (String lang : List.of("fr", "en")) {
			String title = "fr".equals(lang) ? "Notre lettre d'information" : "Our newsletter";
			serve(server, "/iframe-" + lang + ".html", page(lang, title, "<iframe src=\"http://127.0.0.1:" + port + "/f/"
					+ "%KEY%?embed=1&amp;lang=" + lang + "\" title=\"" + title
					+ "\" width=\"100%\" height=\"760\" style=\"border:0\"></iframe>"));
			serve(server, "/script-" + lang + ".html", page(lang, title, "<script src=\"http://127.0.0.1:" + port + "/f/"
					+ "%KEY%/embed.js\" data-lang=\"" + lang + "\"></script>"));
		}
		server.start();
		return server;
	}

	private void serve(HttpServer server, String path, String html) {
		server.createContext(path, exchange -> {
			byte[] body = html.replace("%KEY%", key).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	private static String page(String lang, String title, String embed) {
		return "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + title
				+ "</title></head>\n<body><main><h1>" + title + "</h1>\n" + embed + "\n</main></body></html>\n";
	}

	private static String origin(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private JsonNode aFormEmbeddableIn(String origin) {
		assertThat(api.post("/api/v1/purposes", "{\"key\": \"newsletter\", \"name\": \"Lettre\", \"kind\": \"MARKETING\"}")
			.status()).isEqualTo(201);
		String fr = api.post("/api/v1/notices", "{\"purpose\": \"newsletter\", \"language\": \"fr\", \"text\": "
				+ "\"Je souhaite recevoir la lettre d'information par e-mail.\"}").text("id");
		String en = api.post("/api/v1/notices", "{\"purpose\": \"newsletter\", \"language\": \"en\", \"text\": "
				+ "\"I want to receive the newsletter by email.\"}").text("id");
		Api.Response created = api.post("/api/v1/forms", """
				{"name": "Lettre d'information",
				 "asks": [{"channel": "EMAIL", "purpose": "newsletter", "noticeIds": {"fr": "%s", "en": "%s"}}],
				 "fields": [{"name": "email", "required": true}, {"name": "firstName"}],
				 "privacyPolicyUrl": "https://example.fr/confidentialite",
				 "controller": "Exemple SAS",
				 "embedOrigins": ["%s"]}
				""".formatted(fr, en, origin));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	/** The evidence of the one grant given with {@code email}. */
	private JsonNode evidenceOf(String email) {
		String contactId = null;
		for (String id : jdbc.sql("SELECT DISTINCT contact_id FROM consent_event WHERE tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.list()) {
			if (email.equals(api.get("/api/v1/contacts/" + id).text("email"))) {
				contactId = id;
			}
		}
		assertThat(contactId).as("the contact of " + email).isNotNull();
		JsonNode events = api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
		assertThat(events).hasSize(1);
		return events.get(0).path("evidence").path("fields");
	}
}
