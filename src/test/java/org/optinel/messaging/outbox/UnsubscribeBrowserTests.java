package org.optinel.messaging.outbox;

import java.net.URI;
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
import org.optinel.testing.Api;
import org.optinel.testing.Browser;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.SmtpPeer;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Unsubscribing the way a person does it: a marketing email sent over SMTP arrives in GreenMail,
 * its visible unsubscribe link is opened in headless Chromium, the page is read in French and in
 * English, and its one button is clicked (EM-02, GDPR-05, GDPR-07).
 */
@OnSqlite
@Import(TestClock.Configuration.class)
class UnsubscribeBrowserTests {

	static final String PUBLIC_BASE_URL = "https://optinel.example";

	static final Pattern VISIBLE_LINK = Pattern.compile("<a href=\"(" + Pattern.quote(PUBLIC_BASE_URL)
			+ "/unsubscribe/[A-Za-z0-9._-]+)\">");

	static SmtpPeer smtp;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		smtp = SmtpPeer.start(registry, PUBLIC_BASE_URL);
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
	TestClock clock;

	MailingTenant mailing;

	Browser browser;

	@BeforeEach
	void aTenantThatSendsEmail() {
		mailing = MailingTenant.create(tenants, clock, port);
		browser = Browser.on(port);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	@DisplayName("EM-02, GDPR-05, GDPR-07: the unsubscribe link of an email received in GreenMail opens a page in "
			+ "French or English that changes nothing until its one button is clicked, and then stops marketing email")
	void aPersonUnsubscribesFromAReceivedEmailInTheBrowser() throws Exception {
		String email = "claire.navigateur@example.org";
		String contact = mailing.consentingContact(email);
		Api.Response queued = mailing.emailContact(contact, MailingTenant.MARKETING, "Nos offres",
				"Bonjour Claire, voici nos offres.", "<p>Bonjour Claire, voici nos offres.</p>");
		assertThat(queued.status()).as(queued.body()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(mailing.stateOf(queued.text("id"))));
		String link = visibleUnsubscribeLink(onlyReceivedBy(email));

		browser.open(onTheTestServer(link));
		assertThat(browser.language()).isEqualTo("fr");
		assertThat(browser.mainText()).contains("Pour ne plus recevoir d'e-mails de " + mailing.tenantName());
		browser.screenshot("unsubscribe-fr");
		browser.assertAccessible("the unsubscribe page in French");

		browser.clickAndWait(browser.find(By.linkText("English")));
		assertThat(browser.language()).isEqualTo("en");
		assertThat(browser.mainText()).contains("To stop receiving emails from " + mailing.tenantName());
		browser.screenshot("unsubscribe-en");
		browser.assertAccessible("the unsubscribe page in English");
		assertThat(mailing.emailSuppression(email).path("suppressed").asBoolean()).isFalse();

		browser.submit();

		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Unsubscribed");
		assertThat(browser.language()).isEqualTo("en");
		browser.screenshot("unsubscribed-en");
		browser.assertAccessible("the unsubscribed page in English");
		assertThat(mailing.emailSuppression(email).path("reason").asString()).isEqualTo("EMAIL_UNSUBSCRIBE");
		Api.Response refused = mailing.emailContact(contact, MailingTenant.MARKETING, "Encore", "Encore une offre.",
				null);
		assertProblem(refused, 422, "not-eligible");
	}

	@Test
	@DisplayName("EM-02: a forged unsubscribe link shows a plain page in the browser's language and changes nothing")
	void aForgedLinkShowsAPlainPage() {
		browser.open("/unsubscribe/not-a-token");

		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Lien invalide");
		assertThat(browser.findAll(By.tagName("button"))).isEmpty();
		browser.screenshot("unsubscribe-invalid-fr");
		browser.assertAccessible("the invalid unsubscribe link page");
	}

	/** The unsubscribe link of the email's HTML part, the one a person clicks (EM-01). */
	private static String visibleUnsubscribeLink(MimeMessage received) throws Exception {
		String html = ((MimeMultipart) received.getContent()).getBodyPart(1).getContent().toString();
		Matcher m = VISIBLE_LINK.matcher(html);
		assertThat(m.find()).as(html).isTrue();
		return m.group(1);
	}

	/** The same path on the server under test, which sees plain HTTP on loopback. */
	private String onTheTestServer(String url) {
		return "http://127.0.0.1:" + port + URI.create(url).getRawPath();
	}

	private static MimeMessage onlyReceivedBy(String email) {
		List<MimeMessage> received = smtp.receivedBy(email);
		assertThat(received).as("messages received by %s", email).hasSize(1);
		return received.get(0);
	}
}
