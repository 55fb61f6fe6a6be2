package org.optinel.pages;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
 * The public pages in a real browser, headless Chromium driven by Selenium: what a person sees and
 * clicks, rather than what a client posts. Debian's {@code chromium} and {@code chromium-driver}
 * must be installed; Selenium is pointed at them so that it never downloads a driver. Screenshots
 * of the form and its thank-you page go to {@code target/screenshots/}; axe-core checks each page.
 */
@OnSqlite
class HostedFormBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	Api api;

	TenantId tenant;

	@BeforeEach
	void aTenant() {
		browser = Browser.on(port);
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: a person ticks one of two unticked boxes and exactly one grant is recorded, with the browser as evidence")
	void aPersonTicksOneOfTwoUntickedBoxesAndExactlyOneGrantIsRecorded() {
		JsonNode form = aFormWithTwoAsks();
		String url = form.path("url").asString();

		browser.open(url);
		List<WebElement> boxes = List.of(browser.find(By.id("ask0")), browser.find(By.id("ask1")));
		assertThat(browser.language()).isEqualTo("fr");
		assertThat(boxes).noneMatch(WebElement::isSelected);
		browser.screenshot("form-fr");
		browser.assertAccessible("the form in French");
		browser.find(By.id("f-email")).sendKeys("jeanne.martin@example.fr");
		boxes.get(0).click();
		browser.submit();

		assertThat(browser.mainText()).contains("Merci, votre réponse a été enregistrée.");
		browser.screenshot("thanks-fr");
		browser.assertAccessible("the thank-you page in French");
		String contactId = jdbc.sql("SELECT DISTINCT contact_id FROM consent_event WHERE tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.single();
		JsonNode events = api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
		assertThat(events).hasSize(1);
		JsonNode grant = events.get(0);
		assertThat(grant.path("action").asString()).isEqualTo("GRANT");
		assertThat(grant.path("source").asString()).isEqualTo("WEB_FORM");
		JsonNode evidence = grant.path("evidence").path("fields");
		assertThat(evidence.path("formId").asString()).isEqualTo(form.path("id").asString() + "@v1");
		assertThat(evidence.path("userAgent").asString()).contains("Chrome");
		assertThat(evidence.path("checkbox").path("prechecked").asBoolean()).isFalse();

		browser.open(url + "?lang=en");
		assertThat(browser.language()).isEqualTo("en");
		assertThat(browser.find(By.id("ask0")).isSelected()).isFalse();
		browser.screenshot("form-en");
		browser.assertAccessible("the form in English");
		browser.find(By.id("f-email")).sendKeys("john.smith@example.com");
		browser.find(By.id("ask0")).click();
		browser.submit();
		assertThat(browser.mainText()).contains("Thank you, your answer has been recorded.");
		browser.screenshot("thanks-en");
	}

	@Test
	@DisplayName("GDPR-01: a form altered in the browser to claim a pre-ticked box is refused and records nothing")
	void aFormAlteredInTheBrowserIsRefusedAndRecordsNothing() {
		browser.open(aFormWithTwoAsks().path("url").asString());
		browser.find(By.id("f-email")).sendKeys("jeanne.martin@example.fr");
		browser.find(By.id("ask0")).click();
		browser.script("""
				const claim = document.createElement('input');
				claim.type = 'hidden';
				claim.name = 'prechecked';
				claim.value = 'true';
				document.querySelector('form').appendChild(claim);""");
		browser.submit();

		assertThat(browser.mainText())
			.contains("Cet envoi ne correspond pas au formulaire affiché : rien n'a été enregistré.");
		assertThat(count("consent_event")).isZero();
		assertThat(count("contact")).isZero();
	}

	// Helpers

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class)
			.single();
	}

	/** A form asking for the newsletter by email and offers by SMS, with French and English notices. */
	private JsonNode aFormWithTwoAsks() {
		for (String purpose : List.of("newsletter", "promotions")) {
			created(api.post("/api/v1/purposes",
					"{\"key\": \"" + purpose + "\", \"name\": \"" + purpose + "\", \"kind\": \"MARKETING\"}"));
		}
		String newsletter = ask("EMAIL", "newsletter",
				notice("newsletter", "fr", "Je souhaite recevoir la lettre d'information par e-mail."),
				notice("newsletter", "en", "I want to receive the newsletter by email."));
		String promotions = ask("SMS", "promotions", notice("promotions", "fr", "Je souhaite recevoir les offres par SMS."),
				notice("promotions", "en", "I want to receive offers by text message."));
		return created(api.post("/api/v1/forms", """
				{"name": "Lettre et offres",
				 "asks": [%s, %s],
				 "fields": [{"name": "email", "required": true}, {"name": "phone"}, {"name": "firstName"}],
				 "brand": {"name": "Exemple", "primaryColour": "#0A5C36"},
				 "privacyPolicyUrl": "https://example.fr/confidentialite",
				 "controller": "Exemple SAS",
				 "termsCheckbox": "J'accepte les conditions générales de vente."}
				""".formatted(newsletter, promotions)));
	}

	private static String ask(String channel, String purpose, String fr, String en) {
		return "{\"channel\": \"" + channel + "\", \"purpose\": \"" + purpose + "\", \"noticeIds\": {\"fr\": \"" + fr
				+ "\", \"en\": \"" + en + "\"}}";
	}

	private String notice(String purpose, String language, String text) {
		return created(api.post("/api/v1/notices",
				"{\"purpose\": \"" + purpose + "\", \"language\": \"" + language + "\", \"text\": \"" + text + "\"}"))
			.path("id")
			.asString();
	}

	private static JsonNode created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}
}
