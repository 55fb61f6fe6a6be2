package org.optinel.preferences;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.Browser;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preference centre in headless Chromium: what a person sees, ticks and clicks, in French and
 * English, each page checked against WCAG 2.1 A/AA with axe-core and photographed to
 * {@code target/screenshots/}.
 */
@OnSqlite
class PreferenceCentreBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Browser browser;

	Api api;

	String contactId;

	@BeforeEach
	void aContactWhoGaveConsentToTheNewsletterByEmail() {
		browser = Browser.on(port);
		IssuedTenant issued = tenants.create();
		api = new Api(port, issued.apiKey());
		created(api.post("/api/v1/purposes", "{\"key\": \"newsletter\", \"name\": \"Lettre d'information\", \"kind\": \"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\": \"offers\", \"name\": \"Offres\", \"kind\": \"MARKETING\"}"));
		String newsletter = notice("newsletter", "fr", "Je souhaite recevoir la lettre d'information.");
		notice("newsletter", "en", "I want to receive the newsletter.");
		notice("offers", "fr", "Je souhaite recevoir les offres du moment.");
		contactId = created(api.post("/api/v1/contacts", "{\"phone\": \"+33612345678\", \"email\": \"jeanne@example.fr\"}"))
			.path("id").asString();
		created(api.post("/api/v1/consents", "{\"contactId\": \"" + contactId + "\", \"channel\": \"EMAIL\", "
				+ "\"purpose\": \"newsletter\", \"action\": \"GRANT\", \"source\": \"WEB_FORM\", \"noticeId\": \""
				+ newsletter + "\", \"evidence\": {\"formId\": \"signup\", \"ip\": \"203.0.113.9\", \"userAgent\": "
				+ "\"Firefox\", \"checkbox\": {\"prechecked\": false, \"separateFromTerms\": true}}}"));
	}

	@Test
	@DisplayName("GDPR-04, GDPR-05, GDPR-02: a person changes one box on each channel and exactly those two changes are recorded")
	void aPersonChangesTheirPreferences() {
		String url = link();

		browser.open(url);
		assertThat(browser.language()).isEqualTo("fr");
		assertThat(box("EMAIL.newsletter").isSelected()).isTrue();
		assertThat(box("SMS.newsletter").isSelected()).isFalse();
		assertThat(box("SMS.offers").isSelected()).isFalse();
		assertThat(box("EMAIL.offers").isSelected()).isFalse();
		browser.screenshot("prefs-fr");
		browser.assertAccessible("the preference centre in French");
		int before = proof().size();
		box("SMS.newsletter").click();
		box("EMAIL.newsletter").click();
		browser.clickAndWait(browser.find(By.cssSelector("button[value=save]")));

		assertThat(browser.mainText()).contains("Vos choix sont enregistrés", "Lettre d'information, par SMS : accepté",
				"Lettre d'information, par e-mail : retiré");
		browser.screenshot("prefs-saved-fr");
		browser.assertAccessible("the saved page in French");
		JsonNode events = proof();
		assertThat(events).hasSize(before + 2);
		assertThat(events.get(before).path("evidence").path("fields").path("userAgent").asString()).contains("Chrome");

		browser.open(url + "?lang=en");
		assertThat(browser.language()).isEqualTo("en");
		assertThat(box("SMS.newsletter").isSelected()).isTrue();
		assertThat(box("EMAIL.newsletter").isSelected()).isFalse();
		assertThat(browser.mainText()).contains("This text is not available in English; here is its French version.");
		browser.screenshot("prefs-en");
		browser.assertAccessible("the preference centre in English");
		box("EMAIL.offers").click();
		browser.clickAndWait(browser.find(By.cssSelector("button[value=save]")));
		assertThat(browser.mainText()).contains("Your choices are saved", "Offres, by email: accepted");
		browser.screenshot("prefs-saved-en");
		browser.assertAccessible("the saved page in English");
		assertThat(proof()).hasSize(before + 3);
	}

	@Test
	@DisplayName("GDPR-07, GDPR-05: one click on 'stop everything' suppresses both channels; the page then shows them stopped")
	void aPersonStopsEverything() {
		String url = link();

		browser.open(url + "?lang=en");
		browser.clickAndWait(browser.find(By.cssSelector("button[value=stop]")));

		assertThat(browser.language()).isEqualTo("en");
		assertThat(browser.mainText()).contains("You will receive nothing more", "By text message: stopped",
				"By email: stopped", "Lettre d'information, by email: withdrawn");
		browser.screenshot("prefs-stopped-en");
		browser.assertAccessible("the stopped page in English");
		for (String channel : new String[] { "SMS", "EMAIL" }) {
			assertThat(api.get("/api/v1/eligibility?contactId=" + contactId + "&channel=" + channel + "&purpose=newsletter")
				.json().path("reason").asString()).isEqualTo("SUPPRESSED");
		}

		browser.open(url);
		assertThat(browser.findAll(By.cssSelector("input[type=checkbox]"))).noneMatch(WebElement::isSelected);
		assertThat(browser.mainText()).contains("vous avez arrêté ce canal");
		browser.screenshot("prefs-after-stop-fr");
		browser.assertAccessible("the preference centre after a stop, in French");
		browser.clickAndWait(browser.find(By.cssSelector("button[value=stop]")));
		assertThat(browser.mainText()).contains("Vous ne recevrez plus rien", "Vous n'avez rien changé");
		browser.screenshot("prefs-stopped-fr");
		browser.assertAccessible("the stopped page in French");
	}

	@Test
	void aBrokenLinkShowsAPlainPageInBothLanguages() {
		browser.open("/p/not-a-link");
		assertThat(browser.mainText()).contains("Ce lien vers vos préférences n'est pas valide.");
		browser.screenshot("prefs-invalid-fr");
		browser.assertAccessible("the invalid link page in French");

		browser.open("/p/not-a-link?lang=en");
		assertThat(browser.mainText()).contains("This link to your preferences is not valid.");
		browser.screenshot("prefs-invalid-en");
		browser.assertAccessible("the invalid link page in English");
	}

	// Helpers

	private WebElement box(String name) {
		return browser.find(By.name(name));
	}

	private String link() {
		Api.Response issued = api.post("/api/v1/contacts/" + contactId + "/preference-link", "");
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return URI.create(issued.text("url")).getPath();
	}

	private JsonNode proof() {
		return api.get("/api/v1/contacts/" + contactId + "/proof").json().path("events");
	}

	private String notice(String purpose, String language, String text) {
		return created(api.post("/api/v1/notices", "{\"purpose\": \"" + purpose + "\", \"language\": \"" + language
				+ "\", \"text\": \"" + text + "\"}")).path("id").asString();
	}

	private static JsonNode created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}
}
