package org.optinel.pages;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.Browser;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.SmtpPeer;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Double opt-in in a real browser, with the confirmation email really sent: the outbox's dispatcher
 * hands it over SMTP to GreenMail on loopback, the link is taken from the received email and opened
 * in headless Chromium. Every page is checked with axe-core and photographed in French and English
 * ({@code target/screenshots/doi-*}).
 */
@OnSqlite
@Import(TestClock.Configuration.class)
class DoubleOptInBrowserTests {

	/** The public base URL the links are built on; the test server answers them on its own port. */
	static final String PUBLIC_BASE_URL = "https://optinel.example";

	static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE_URL) + "(/d/[A-Za-z0-9._~-]+)");

	static SmtpPeer smtp;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		smtp = SmtpPeer.start(registry, PUBLIC_BASE_URL);
		registry.add("optinel.outbox.enabled", () -> "true");
	}

	@AfterAll
	static void stopTheSmtpServer() {
		smtp.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	Browser browser;

	Api api;

	String tenant;

	String formUrl;

	@BeforeEach
	void aTenantWithADoubleOptInForm() {
		clock.reset();
		clock.moveToATuesdayMorning();
		browser = Browser.on(port);
		IssuedTenant issued = tenants.create();
		tenant = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		created(api.post("/api/v1/purposes",
				"{\"key\": \"newsletter\", \"name\": \"Lettre d'information\", \"kind\": \"MARKETING\"}"));
		created(api.post("/api/v1/purposes", "{\"key\": \"promotions\", \"name\": \"Offres\", \"kind\": \"MARKETING\"}"));
		assertThat(api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"EMAIL\"]}").status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/purposes/promotions", "{\"doubleOptIn\":[\"SMS\"]}").status()).isEqualTo(200);
		Api.Response sender = api.send(api.builder("/api/v1/messaging/sender").header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"brand\":\"Exemple\",\"smsSenderId\":\"EXEMPLE\","
					+ "\"emailFromAddress\":\"bonjour@exemple.fr\",\"emailFromName\":\"Exemple\"}")));
		assertThat(sender.status()).as(sender.body()).isEqualTo(200);
		String newsletter = ask("EMAIL", "newsletter",
				notice("newsletter", "fr", "Je souhaite recevoir la lettre d'information par e-mail."),
				notice("newsletter", "en", "I want to receive the newsletter by email."));
		String promotions = ask("SMS", "promotions", notice("promotions", "fr", "Je souhaite recevoir les offres par SMS."),
				notice("promotions", "en", "I want to receive offers by text message."));
		formUrl = created(api.post("/api/v1/forms", """
				{"name": "Lettre et offres",
				 "asks": [%s, %s],
				 "fields": [{"name": "email"}, {"name": "phone"}, {"name": "firstName"}],
				 "brand": {"name": "Exemple", "primaryColour": "#0A5C36"},
				 "privacyPolicyUrl": "https://exemple.fr/confidentialite",
				 "controller": "Exemple SAS"}
				""".formatted(newsletter, promotions))).path("url").asString();
	}

	@AfterEach
	void realTimeAgain() {
		clock.reset();
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: a person fills the form, receives the email, opens its link and presses the "
			+ "button; only then is the grant confirmed, with both steps' browser as evidence (French)")
	void theConfirmationEmailsLinkAndButtonConfirmTheGrantInFrench() throws Exception {
		confirmByEmail("fr", "jeanne.martin@example.fr", "Confirmez votre inscription – Exemple",
				"Dernière étape", "Inscription confirmée");
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: the same in English, from the English page to the English email and pages")
	void theConfirmationEmailsLinkAndButtonConfirmTheGrantInEnglish() throws Exception {
		confirmByEmail("en", "john.smith@example.com", "Please confirm your subscription – Exemple", "One last step",
				"Subscription confirmed");
	}

	@Test
	@DisplayName("GDPR-01, GDPR-02: an SMS grant is confirmed by typing the code on the thank-you page; a wrong code "
			+ "shows the form again with the error")
	void anSmsGrantIsConfirmedByTheCodeTypedOnTheThankYouPage() {
		for (String lang : List.of("fr", "en")) {
			String phone = "fr".equals(lang) ? "06 12 34 56 78" : "06 98 76 54 32";
			browser.open(formUrl + "?lang=" + lang);
			browser.find(By.id("f-phone")).sendKeys(phone);
			browser.find(By.id("ask1")).click();
			browser.submit();

			assertThat(browser.language()).isEqualTo(lang);
			assertThat(browser.mainText()).contains("fr".equals(lang) ? "code par SMS" : "code by text message");
			browser.screenshot("doi-code-" + lang);
			browser.assertAccessible("the SMS code form (" + lang + ")");
			String e164 = "fr".equals(lang) ? "+33612345678" : "+33698765432";
			String code = smsCode(e164);
			String contact = contactOf("phone", e164);
			assertThat(status(contact, "SMS", "promotions")).isEqualTo("PENDING");

			browser.find(By.id("code0")).sendKeys(code.equals("000000") ? "111111" : "000000");
			browser.submit();
			assertThat(browser.mainText()).contains("fr".equals(lang) ? "Ce code ne correspond pas" : "This code does not match");
			browser.screenshot("doi-code-wrong-" + lang);
			browser.assertAccessible("the SMS code form after a wrong code (" + lang + ")");
			assertThat(status(contact, "SMS", "promotions")).isEqualTo("PENDING");

			browser.find(By.id("code0")).sendKeys(code);
			browser.submit();
			assertThat(browser.mainText()).contains("fr".equals(lang) ? "Inscription confirmée" : "Subscription confirmed");
			browser.screenshot("doi-sms-confirmed-" + lang);
			browser.assertAccessible("the page after the right code (" + lang + ")");
			assertThat(status(contact, "SMS", "promotions")).isEqualTo("GRANTED");
		}
	}

	@Test
	@DisplayName("GDPR-01: an altered link and an expired one each show a clear page and grant nothing")
	void anAlteredAndAnExpiredLinkShowClearPages() throws Exception {
		for (String lang : List.of("fr", "en")) {
			String email = lang + ".late@example.org";
			browser.open(formUrl + "?lang=" + lang);
			browser.find(By.id("f-email")).sendKeys(email);
			browser.find(By.id("ask0")).click();
			browser.submit();
			String link = linkIn(text(receivedBy(email)));

			browser.open(link.substring(0, link.length() - 4) + "AAAA" + "?lang=" + lang);
			assertThat(browser.mainText()).contains("fr".equals(lang) ? "Ce lien n'est pas valide" : "This link is not valid");
			browser.screenshot("doi-invalid-" + lang);
			browser.assertAccessible("the invalid link page (" + lang + ")");

			browser.open(link);
			clock.advance(Duration.ofHours(49));
			browser.clickAndWait(browser.find(By.cssSelector("form button[type=submit]")));
			assertThat(browser.mainText()).contains("fr".equals(lang) ? "a expiré" : "has expired");
			browser.screenshot("doi-expired-" + lang);
			browser.assertAccessible("the expired confirmation page (" + lang + ")");
			assertThat(status(contactOf("email", email), "EMAIL", "newsletter")).isEqualTo("PENDING");
			clock.reset();
			clock.moveToATuesdayMorning();
		}
	}

	private void confirmByEmail(String lang, String email, String subject, String lastStep, String confirmed)
			throws Exception {
		browser.open(formUrl + "?lang=" + lang);
		browser.find(By.id("f-email")).sendKeys(email);
		browser.find(By.id("ask0")).click();
		browser.submit();

		assertThat(browser.mainText()).contains(lastStep);
		browser.screenshot("doi-check-email-" + lang);
		browser.assertAccessible("the thank-you page asking to check the email (" + lang + ")");
		MimeMessage received = receivedBy(email);
		assertThat(received.getSubject()).isEqualTo(subject);
		assertThat(received.getHeader("List-Unsubscribe")).as("a confirmation is not marketing").isNull();
		MimeMultipart parts = (MimeMultipart) received.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		String link = linkIn(text(received));
		assertThat(parts.getBodyPart(1).getContent()).asString().contains("<a href=\"" + PUBLIC_BASE_URL + link + "\">");
		String contact = contactOf("email", email);
		assertThat(status(contact, "EMAIL", "newsletter")).isEqualTo("PENDING");

		browser.open(link);
		assertThat(browser.language()).isEqualTo(lang);
		assertThat(browser.mainText()).contains("Exemple SAS", "fr".equals(lang) ? "Lettre d'information" : "newsletter");
		browser.screenshot("doi-confirm-" + lang);
		browser.assertAccessible("the confirmation page (" + lang + ")");
		assertThat(status(contact, "EMAIL", "newsletter")).as("opening the link confirms nothing").isEqualTo("PENDING");

		browser.clickAndWait(browser.find(By.cssSelector("form button[type=submit]")));

		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(confirmed);
		browser.screenshot("doi-confirmed-" + lang);
		browser.assertAccessible("the confirmed page (" + lang + ")");
		JsonNode events = api.get("/api/v1/contacts/" + contact + "/proof").json().path("events");
		assertThat(events).hasSize(2);
		JsonNode confirming = events.get(1);
		assertThat(confirming.path("action").asString()).isEqualTo("GRANT");
		assertThat(confirming.path("status").asString()).isEqualTo("GRANTED");
		assertThat(confirming.path("evidence").path("document").asString()).contains("EMAIL_TOKEN", "Chrome");
		assertThat(status(contact, "EMAIL", "newsletter")).isEqualTo("GRANTED");
	}

	private MimeMessage receivedBy(String email) {
		return smtp.awaitFirstFor(email);
	}

	private static String text(MimeMessage message) throws Exception {
		return ((MimeMultipart) message.getContent()).getBodyPart(0).getContent().toString();
	}

	/** The path of the email's confirmation link, which the test server answers on its own port. */
	private static String linkIn(String text) {
		Matcher m = LINK.matcher(text);
		assertThat(m.find()).as(text).isTrue();
		return m.group(1);
	}

	/** The code of the SMS the outbox holds for this number: what the person reads on their phone. */
	private String smsCode(String e164) {
		String text = jdbc.sql("SELECT body_text FROM outbox_message WHERE tenant_id = ? AND recipient = ? AND origin = ?")
			.params(tenant, e164, "CONFIRMATION")
			.query(String.class)
			.single();
		Matcher m = Pattern.compile("\\b([0-9]{6})\\b").matcher(text);
		assertThat(m.find()).as(text).isTrue();
		return m.group(1);
	}

	private String contactOf(String column, String value) {
		return jdbc.sql("SELECT contact_id FROM contact WHERE tenant_id = ? AND " + column + " = ?")
			.params(tenant, value)
			.query(String.class)
			.single();
	}

	/** The latest status of the contact's consent for the channel and purpose, as the proof API tells it. */
	private String status(String contact, String channel, String purpose) {
		JsonNode events = api.get("/api/v1/contacts/" + contact + "/proof").json().path("events");
		String status = null;
		for (JsonNode e : events) {
			if (e.path("channel").asString().equals(channel) && e.path("purpose").asString().equals(purpose)) {
				status = e.path("status").asString();
			}
		}
		return status;
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
