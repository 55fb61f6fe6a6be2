package org.optinel.messaging.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.Channel;
import org.optinel.testing.Api;
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
 * The outbox sending email through the SMTP provider to GreenMail on loopback, the whole way a
 * caller goes: the message asked for with {@code POST /api/v1/messages}, what the mail server
 * receives (EP-03, EM-01), and the one-click link of a received email used as a mail client would
 * (EM-02, EM-03, GDPR-07). Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxEmailIntegrationTests {

	/** The public base URL the links are built on; the test server answers them on its own port. */
	static final String PUBLIC_BASE_URL = "https://optinel.example";

	static final Pattern ONE_CLICK_HEADER = Pattern
		.compile("<(" + Pattern.quote(PUBLIC_BASE_URL) + "/unsubscribe/[A-Za-z0-9._-]+)>");

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

	@Autowired
	Outbox outbox;

	MailingTenant mailing;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeEach
	void aTenantThatSendsEmail() {
		mailing = MailingTenant.create(tenants, clock, port);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	@DisplayName("EM-01, EP-03: a marketing email asked for through the API arrives named by its sender, with both "
			+ "one-click headers and a visible link to the same URL, and ends SENT")
	void aMarketingEmailNamesItsSenderAndCarriesTheOneClickUnsubscribe() throws Exception {
		String email = "claire.marketing@example.org";
		String contact = mailing.consentingContact(email);

		String id = queued(mailing.emailContact(contact, MailingTenant.MARKETING, "Nos offres de la semaine",
				"Bonjour Claire, la crème brûlée est à -20 %.", "<p>Bonjour Claire, la <b>crème brûlée</b> est à -20 %.</p>"));

		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(mailing.stateOf(id)));
		MimeMessage received = onlyReceivedBy(email);
		InternetAddress from = (InternetAddress) received.getFrom()[0];
		assertThat(from.getPersonal()).isEqualTo(MailingTenant.FROM_NAME);
		assertThat(from.getAddress()).isEqualTo(MailingTenant.FROM_ADDRESS);
		assertThat(received.getSubject()).isEqualTo("Nos offres de la semaine");
		String url = oneClickUrl(received);
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		MimeMultipart parts = (MimeMultipart) received.getContent();
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat(parts.getBodyPart(0).getContent()).asString()
			.startsWith("Bonjour Claire, la crème brûlée est à -20 %.")
			.contains("Unsubscribe: " + url);
		assertThat(parts.getBodyPart(1).getContent()).asString().contains("<a href=\"" + url + "\">");
		Api.Response sent = mailing.message(id);
		assertThat(sent.text("provider")).isEqualTo("smtp");
		assertThat(sent.json().path("providerIds").get(0).asString()).isEqualTo(received.getMessageID());
		assertThat(sent.json().path("attempts").asInt()).isEqualTo(1);
	}

	@Test
	@DisplayName("EM-01: a transactional email, to a contact who gave no consent, carries neither one-click header nor "
			+ "the unsubscribe link")
	void aTransactionalEmailCarriesNoUnsubscribe() throws Exception {
		String email = "claire.orders@example.org";
		String contact = mailing.contact(email);

		String id = queued(mailing.emailContact(contact, MailingTenant.TRANSACTIONAL, "Votre commande",
				"Votre commande est prête.", null));

		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(mailing.stateOf(id)));
		MimeMessage received = onlyReceivedBy(email);
		assertThat(received.getHeader("List-Unsubscribe")).isNull();
		assertThat(received.getHeader("List-Unsubscribe-Post")).isNull();
		assertThat(received.getContent()).asString().isEqualTo("Votre commande est prête.");
		assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo(MailingTenant.FROM_NAME);
	}

	@Test
	@DisplayName("EM-02, EM-03, GDPR-07: a one-click POST to the link of a received email suppresses the address at "
			+ "once: a new marketing email is refused, and one already queued is blocked and never leaves")
	void theOneClickLinkOfAReceivedEmailStopsMarketingToTheAddressAtOnce() throws Exception {
		String email = "claire.unsubscribes@example.org";
		String contact = mailing.consentingContact(email);
		String first = queued(mailing.emailContact(contact, MailingTenant.MARKETING, "Offre 1", "Première offre.", null));
		await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(mailing.stateOf(first)));
		URI link = onTheTestServer(oneClickUrl(onlyReceivedBy(email)));
		OutboxMessage waiting = outbox.enqueue(new NewMessage(mailing.tenant, Channel.EMAIL, email, contact,
				MailingTenant.MARKETING, true, Origin.API, null, null, MailingTenant.FROM_ADDRESS, MailingTenant.FROM_NAME,
				"Offre 2", "Deuxième offre.", null, clock.instant().plusSeconds(30), null)).message();

		// A link scanner's GET shows the button and changes nothing.
		assertThat(http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		assertThat(mailing.emailSuppression(email).path("suppressed").asBoolean()).isFalse();

		HttpResponse<String> unsubscribed = oneClick(link);

		assertThat(unsubscribed.statusCode()).isEqualTo(200);
		assertThat(unsubscribed.headers().firstValue("Location")).isEmpty();
		assertThat(mailing.emailSuppression(email).path("reason").asString()).isEqualTo("EMAIL_UNSUBSCRIBE");
		Api.Response refused = mailing.emailContact(contact, MailingTenant.MARKETING, "Offre 3", "Troisième offre.",
				null);
		assertProblem(refused, 422, "not-eligible");
		assertThat(refused.text("reason")).isEqualTo("SUPPRESSED");

		clock.advance(Duration.ofSeconds(31));

		await().atMost(Duration.ofSeconds(10)).until(() -> "BLOCKED".equals(mailing.stateOf(waiting.id())));
		assertThat(mailing.message(waiting.id()).text("reason")).contains("SUPPRESSED");
		assertThat(receivedBy(email)).hasSize(1);
		// Repeating the POST changes nothing and still answers the page (idempotent).
		assertThat(oneClick(link).statusCode()).isEqualTo(200);
	}

	static String queued(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("state")).isEqualTo("QUEUED");
		return response.text("id");
	}

	/** The one URL of the message's {@code List-Unsubscribe}, on the public base URL (EM-01). */
	static String oneClickUrl(MimeMessage received) throws MessagingException {
		String[] headers = received.getHeader("List-Unsubscribe");
		assertThat(headers).hasSize(1);
		Matcher m = ONE_CLICK_HEADER.matcher(headers[0]);
		assertThat(m.matches()).as(headers[0]).isTrue();
		return m.group(1);
	}

	/** The same path on the server under test, which sees plain HTTP on loopback. */
	URI onTheTestServer(String url) {
		return URI.create("http://127.0.0.1:" + port + URI.create(url).getRawPath());
	}

	/** What a mail client sends for one-click unsubscribe (RFC 8058). */
	HttpResponse<String> oneClick(URI link) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(link)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static MimeMessage onlyReceivedBy(String email) {
		List<MimeMessage> received = receivedBy(email);
		assertThat(received).as("messages received by %s", email).hasSize(1);
		return received.get(0);
	}

	static List<MimeMessage> receivedBy(String email) {
		return smtp.receivedBy(email);
	}
}
