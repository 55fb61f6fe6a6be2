package org.optinel.campaigns;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.optinel.testing.Api;
import org.optinel.testing.Browser;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page a re-permission campaign's link leads to, in headless Chromium: the question in French,
 * the switch to English, and the answer given by clicking (SEED-03, GDPR-01, GDPR-02).
 */
@OnSqlite
@Import(TestClock.Configuration.class)
class CampaignPageBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	Api api;

	@BeforeEach
	void aTenantOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		api = new Api(port, tenants.create().apiKey());
		browser = Browser.on(port);
		created(api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\"}"));
		Api.Response profile = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"emailFromAddress\":\"news@acme.example\","
					+ "\"emailFromName\":\"Acme Shop\"}")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	@DisplayName("SEED-03, GDPR-01, GDPR-02: the link's page asks in French, switches to English, changes nothing "
			+ "until a button is clicked, and the click is a grant with the browser as evidence")
	void aPersonAnswersACampaignInTheBrowser() {
		String contact = created(api.post("/api/v1/contacts", "{\"email\":\"camille@example.org\"}")).text("id");
		created(api.post("/api/v1/consents", "{\"contactId\":\"" + contact + "\",\"channel\":\"EMAIL\","
				+ "\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"IMPORT\","
				+ "\"evidence\":{\"importId\":\"legacy-2019\"}}"));
		String campaign = created(api.post("/api/v1/campaigns", "{\"name\":\"On reste en contact\","
				+ "\"purposes\":[\"promotions\"],\"plan\":\"EMAIL\",\"questions\":{\"fr\":\"Voulez-vous continuer à "
				+ "recevoir nos offres ?\",\"en\":\"Do you want to keep receiving our offers?\"},"
				+ "\"email\":{\"fr\":{\"subject\":\"On reste en contact ?\",\"text\":\"Confirmez ici : {link}\"},"
				+ "\"en\":{\"subject\":\"Stay in touch?\",\"text\":\"Confirm here: {link}\"}},"
				+ "\"deadline\":\"" + clock.instant().plus(Duration.ofDays(14)) + "\"}")).text("id");
		assertThat(api.post("/api/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);
		String token = jdbc.sql("SELECT token FROM campaign_recipient WHERE campaign_id = ? AND contact_id = ?")
			.params(campaign, contact)
			.query(String.class)
			.single();

		browser.open("/c/" + token);
		assertThat(browser.language()).isEqualTo("fr");
		assertThat(browser.mainText()).contains("Voulez-vous continuer à recevoir nos offres ?");
		browser.screenshot("campaign-fr");
		browser.assertAccessible("the campaign page in French");
		browser.clickAndWait(browser.find(By.linkText("English")));
		assertThat(browser.language()).isEqualTo("en");
		assertThat(browser.mainText()).contains("Do you want to keep receiving our offers?");
		browser.screenshot("campaign-en");
		browser.assertAccessible("the campaign page in English");
		assertThat(status(contact)).isEqualTo("UNPROVEN");

		browser.clickAndWait(browser.find(By.cssSelector("button[value=yes]")));

		assertThat(browser.mainText()).contains("Thank you, that is recorded");
		browser.screenshot("campaign-answered-en");
		browser.assertAccessible("the answered campaign page in English");
		assertThat(status(contact)).isEqualTo("GRANTED");
		JsonNode grant = api.get("/api/v1/contacts/" + contact + "/proof").json().path("events").get(1);
		assertThat(grant.path("source").asString()).isEqualTo("EMAIL_CLICK");
		assertThat(grant.path("evidence").path("fields").path("userAgent").asString()).contains("Chrome");
		assertThat(grant.path("evidence").path("fields").path("token").asString()).isEqualTo(token);
	}

	private String status(String contact) {
		for (JsonNode c : api.get("/api/v1/contacts/" + contact).json().path("consents")) {
			if (c.path("channel").asString().equals("EMAIL") && c.path("purpose").asString().equals("promotions")) {
				return c.path("status").asString();
			}
		}
		return null;
	}

	private static Api.Response created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}
}
