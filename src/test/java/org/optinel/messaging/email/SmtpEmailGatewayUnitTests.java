package org.optinel.messaging.email;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.SubmitOutcome;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.mail.autoconfigure.MailProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The SMTP gateway against real SMTP peers on loopback: GreenMail, which parses and stores what it
 * receives, and a scripted server that refuses, fails for now, drops the connection or falls silent
 * where a test needs it. What each test checks is the outcome the caller builds on: accepted once,
 * safe to send again, refused for good, or uncertain and never resent.
 */
class SmtpEmailGatewayUnitTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final URI UNSUBSCRIBE = URI
		.create("https://optinel.example.com/unsubscribe/0b6f3c1e-2f4d-4c55-9b1a-3c2d1e0f9a8b.abc.promotions.tag");

	private GreenMail greenMail;

	private ScriptedSmtpServer scripted;

	private final List<SmtpEmailGateway> gateways = new ArrayList<>();

	@BeforeEach
	void startServers() throws Exception {
		this.greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
		this.scripted = new ScriptedSmtpServer();
	}

	@AfterEach
	void stopServers() throws Exception {
		this.gateways.forEach(SmtpEmailGateway::close);
		this.scripted.close();
		this.greenMail.stop();
	}

	@Test
	void aMessageWithHtmlArrivesAsTextAndHtmlAlternativesInUtf8() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 1);

		SubmitOutcome outcome = send(gateway, new OutboundEmail("ref-1", "news@boulangerie.example", "Boulangerie Dupont",
				"claire@example.org", "Crème brûlée à -20 %", "Bonjour Claire, la crème brûlée est à -20 %.",
				"<p>Bonjour Claire, la <b>crème brûlée</b> est à -20 %.</p>", UNSUBSCRIBE));

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		MimeMessage received = onlyReceived();
		assertThat(received.getSubject()).isEqualTo("Crème brûlée à -20 %");
		assertThat(received.getContentType()).startsWith("multipart/alternative");
		MimeMultipart alternatives = (MimeMultipart) received.getContent();
		assertThat(alternatives.getCount()).isEqualTo(2);
		assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("UTF-8");
		assertThat(alternatives.getBodyPart(0).getContent()).asString()
			.isEqualTo("Bonjour Claire, la crème brûlée est à -20 %.");
		assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("UTF-8");
		assertThat(alternatives.getBodyPart(1).getContent()).asString().contains("<b>crème brûlée</b>");
		assertThat(received.getHeader("Message-ID", null))
			.isEqualTo(((SubmitOutcome.Accepted) outcome).providerIds().get(0))
			.matches("<[0-9a-f-]{36}@boulangerie\\.example>");
		assertThat(received.getHeader(EmailMessages.REFERENCE_HEADER, null)).isEqualTo("ref-1");
		assertThat(received.getSentDate().toInstant()).isEqualTo(NOW);
		assertThat(received.getHeader("Date", null)).isEqualTo("Mon, 30 Nov 2026 10:00:00 +0000");
	}

	@Test
	@DisplayName("EP-03: the sender's name travels in From beside the address")
	void theSenderIsNamedInFrom() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 1);

		send(gateway, marketing("ref-2", "claire@example.org"));

		InternetAddress from = (InternetAddress) onlyReceived().getFrom()[0];
		assertThat(from.getPersonal()).isEqualTo("Boulangerie Dupont");
		assertThat(from.getAddress()).isEqualTo("news@boulangerie.example");
	}

	@Test
	@DisplayName("EM-01: marketing mail carries one HTTPS List-Unsubscribe URL and List-Unsubscribe-Post: List-Unsubscribe=One-Click")
	void marketingMailCarriesBothOneClickHeaders() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 1);

		send(gateway, marketing("ref-3", "claire@example.org"));

		MimeMessage received = onlyReceived();
		assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
	}

	@Test
	@DisplayName("EM-01: transactional mail carries neither one-click header, and is plain text without HTML")
	void transactionalMailCarriesNoUnsubscribeHeaders() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 1);

		SubmitOutcome outcome = send(gateway, new OutboundEmail("ref-4", "orders@boulangerie.example",
				"Boulangerie Dupont", "claire@example.org", "Votre commande", "Votre commande est prête.", null, null));

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		MimeMessage received = onlyReceived();
		assertThat(received.getHeader("List-Unsubscribe")).isNull();
		assertThat(received.getHeader("List-Unsubscribe-Post")).isNull();
		assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("UTF-8");
		assertThat(received.getContent()).asString().isEqualTo("Votre commande est prête.");
	}

	@Test
	@DisplayName("EM-01: a marketing email whose one-click URL is not HTTPS is refused before any connection")
	void aMarketingMailWithAPlainHttpUnsubscribeUrlIsRejected() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 1);

		SubmitOutcome outcome = send(gateway, new OutboundEmail("ref-5", "news@boulangerie.example",
				"Boulangerie Dupont", "claire@example.org", "Promo", "Texte", null,
				URI.create("http://optinel.example.com/unsubscribe/t")));

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Rejected.class, rejected -> {
			assertThat(rejected.reason()).contains("EM-01");
			assertThat(rejected.recipientRefused()).isFalse();
		});
		assertThat(gateway.connectionCount()).isZero();
	}

	@Test
	void eachSenderKeepsOneConnectionForAllItsMessages() throws Exception {
		SmtpEmailGateway gateway = gateway(this.greenMail.getSmtp().getPort(), 2);

		List<SubmitOutcome> outcomes = sendAll(gateway, 200);

		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(this.greenMail.waitForIncomingEmail(5_000, 200)).isTrue();
		assertThat(gateway.connectionCount()).isEqualTo(2);
	}

	@Test
	void theServerSeesOneConnectionPerSender() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 3);

		List<SubmitOutcome> outcomes = sendAll(gateway, 150);

		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(this.scripted.received()).hasSize(150);
		assertThat(this.scripted.connections()).isEqualTo(3);
	}

	@Test
	void aRecipientRefusedWith550IsRejectedAsARefusedAddressAndTheConnectionServesOn() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		this.scripted.then(ScriptedSmtpServer.Answers.accepting()
			.withRcpt("550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"));

		SubmitOutcome refused = send(gateway, marketing("ref-6", "nobody@example.org"));
		SubmitOutcome next = send(gateway, marketing("ref-7", "claire@example.org"));

		assertThat(refused).isInstanceOfSatisfying(SubmitOutcome.Rejected.class, rejected -> {
			assertThat(rejected.recipientRefused()).isTrue();
			assertThat(rejected.reason()).contains("550 5.1.1").contains("RCPT TO");
		});
		assertThat(next).isInstanceOf(SubmitOutcome.Accepted.class);
		assertThat(this.scripted.received()).hasSize(1);
		assertThat(this.scripted.connections()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} to {1}: recipient refused = {2}")
	@CsvSource(delimiter = '|', value = { "550 5.7.1 Message refused by policy|RCPT|false",
			"550 Requested action not taken: mailbox unavailable|RCPT|true",
			"553 5.1.3 Bad recipient address syntax|RCPT|true", "552 5.2.2 Mailbox full|RCPT|false",
			"554 5.6.0 Message content rejected|END|false", "550 5.1.1 User unknown|END|true",
			"553 5.1.8 Sender domain does not exist|MAIL|false", "550 Sender refused|MAIL|false" })
	void permanentRefusalsAreRejectedAndBlameTheAddressOnlyWhenTheyAreAboutIt(String answer, String step,
			boolean recipientRefused) throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		ScriptedSmtpServer.Answers accepting = ScriptedSmtpServer.Answers.accepting();
		this.scripted.then(switch (step) {
			case "MAIL" -> accepting.withMail(answer);
			case "RCPT" -> accepting.withRcpt(answer);
			default -> accepting.withEnd(answer);
		});

		SubmitOutcome outcome = send(gateway, marketing("ref-8", "claire@example.org"));

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Rejected.class,
				rejected -> assertThat(rejected.recipientRefused()).isEqualTo(recipientRefused));
	}

	@ParameterizedTest(name = "{0} to {1}")
	@CsvSource(delimiter = '|', value = { "451 4.3.0 Temporary lookup failure|RCPT",
			"450 4.2.1 Mailbox busy, try later|RCPT", "452 4.3.1 Insufficient system storage|END",
			"451 4.7.1 Greylisted, come back later|MAIL", "421 4.3.2 Service shutting down|RCPT",
			"421 4.3.2 Service shutting down|MAIL" })
	void temporaryFailuresAreRetried(String answer, String step) throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		ScriptedSmtpServer.Answers accepting = ScriptedSmtpServer.Answers.accepting();
		this.scripted.then(switch (step) {
			case "MAIL" -> accepting.withMail(answer);
			case "RCPT" -> accepting.withRcpt(answer);
			default -> accepting.withEnd(answer);
		});

		SubmitOutcome outcome = send(gateway, marketing("ref-9", "claire@example.org"));

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Retry.class, retry -> {
			assertThat(retry.reason()).contains(answer.substring(0, 3));
			assertThat(retry.notBefore()).isPositive();
		});
	}

	@Test
	void aConnectionDroppedOnceTheDataWasSentIsUncertainAndTheMessageIsNotSentAgain() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		this.scripted.then(ScriptedSmtpServer.Answers.accepting().withEnd(ScriptedSmtpServer.DROP));

		SubmitOutcome dropped = send(gateway, marketing("ref-10", "claire@example.org"));
		SubmitOutcome next = send(gateway, marketing("ref-11", "claire@example.org"));

		assertThat(dropped).isInstanceOfSatisfying(SubmitOutcome.Uncertain.class, uncertain -> {
			assertThat(uncertain.reason()).contains("end of the message data");
			assertThat(uncertain.providerIds()).singleElement().asString().startsWith("<").endsWith(">");
		});
		assertThat(next).isInstanceOf(SubmitOutcome.Accepted.class);
		assertThat(this.scripted.received()).hasSize(2)
			.filteredOn(data -> data.contains("X-Optinel-Reference: ref-10"))
			.hasSize(1);
		assertThat(this.scripted.connections()).isEqualTo(2);
	}

	@Test
	void noAnswerToTheEndOfTheDataWithinTheReadTimeoutIsUncertain() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		this.scripted.then(ScriptedSmtpServer.Answers.accepting().withEnd(ScriptedSmtpServer.SILENT));

		SubmitOutcome outcome = send(gateway, marketing("ref-12", "claire@example.org"));

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Uncertain.class,
				uncertain -> assertThat(uncertain.reason()).containsIgnoringCase("timed out"));
	}

	@Test
	void aConnectionDroppedBeforeTheDataIsRetriedOnAFreshConnection() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		this.scripted.then(ScriptedSmtpServer.Answers.accepting().withRcpt(ScriptedSmtpServer.DROP));

		SubmitOutcome outcome = send(gateway, marketing("ref-13", "claire@example.org"));

		assertThat(outcome).isInstanceOf(SubmitOutcome.Retry.class);
		assertThat(this.scripted.received()).isEmpty();
	}

	@Test
	void aConnectionTheServerClosedMeanwhileIsReplacedAndTheMessageGoesOnce() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		this.scripted.then(ScriptedSmtpServer.Answers.accepting(),
				ScriptedSmtpServer.Answers.accepting().withMail(ScriptedSmtpServer.DROP),
				ScriptedSmtpServer.Answers.accepting(),
				ScriptedSmtpServer.Answers.accepting().withMail("421 4.7.0 Too many messages on this connection"));

		List<SubmitOutcome> outcomes = List.of(send(gateway, marketing("a", "claire@example.org")),
				send(gateway, marketing("b", "claire@example.org")), send(gateway, marketing("c", "claire@example.org")));

		assertThat(outcomes).allMatch(SubmitOutcome.Accepted.class::isInstance);
		assertThat(this.scripted.received()).hasSize(3);
		assertThat(this.scripted.connections()).isEqualTo(3);
	}

	@Test
	void aServerThatIsDownGivesRetryWithoutWaitingForEachMessage() throws Exception {
		int closedPort;
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			closedPort = probe.getLocalPort();
		}
		SmtpEmailGateway gateway = gateway(closedPort, 2);

		List<SubmitOutcome> outcomes = sendAll(gateway, 20);

		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Retry.class,
				retry -> assertThat(retry.reason()).contains("127.0.0.1:" + closedPort)));
		assertThat(gateway.connectionCount()).isZero();
	}

	@Test
	void aRecipientThatIsNoAddressIsRefusedWithoutConnecting() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);

		SubmitOutcome outcome = send(gateway, marketing("ref-14", "claire@@example.org"));

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Rejected.class,
				rejected -> assertThat(rejected.recipientRefused()).isTrue());
		assertThat(this.scripted.connections()).isZero();
	}

	@Test
	void aClosedGatewayAnswersRetry() throws Exception {
		SmtpEmailGateway gateway = gateway(this.scripted.port(), 1);
		gateway.close();

		SubmitOutcome outcome = send(gateway, marketing("ref-15", "claire@example.org"));

		assertThat(outcome).isInstanceOf(SubmitOutcome.Retry.class);
	}

	@Test
	void springBootMailSettingsBuildAGatewayThatLogsInAndNeverShowsThePassword() throws Exception {
		this.greenMail.setUser("optinel@boulangerie.example", "optinel", "s3cret-pw");
		MailProperties mail = new MailProperties();
		mail.setHost("127.0.0.1");
		mail.setPort(this.greenMail.getSmtp().getPort());
		mail.setUsername("optinel");
		mail.setPassword("s3cret-pw");
		mail.getProperties().put("mail.smtp.auth", "true");
		mail.getProperties().put("mail.smtp.localhost", "localhost");
		SmtpEmailGateway gateway = track(SmtpEmailGateway.from(mail, 1, CLOCK));

		SubmitOutcome outcome = send(gateway, marketing("ref-16", "claire@example.org"));

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		assertThat(gateway.toString()).contains("127.0.0.1").doesNotContain("s3cret");
	}

	@Test
	void springBootMailSettingsWithoutAHostFailNamingTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> SmtpEmailGateway.from(new MailProperties(), 1, CLOCK))
			.withMessageContaining("spring.mail.host");
	}

	@Test
	void springBootMailSettingsThatAskForALoginWithoutCredentialsFailNamingTheProperties() {
		MailProperties mail = new MailProperties();
		mail.setHost("smtp.example.com");
		mail.getProperties().put("mail.smtp.auth", "true");

		assertThatIllegalStateException().isThrownBy(() -> SmtpEmailGateway.from(mail, 1, CLOCK))
			.withMessageContaining("spring.mail.username")
			.withMessageContaining("spring.mail.password");
	}

	private SmtpEmailGateway gateway(int port, int concurrency) {
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.host", "127.0.0.1");
		properties.setProperty("mail.smtp.port", Integer.toString(port));
		properties.setProperty("mail.smtp.localhost", "localhost");
		properties.setProperty("mail.smtp.connectiontimeout", "2000");
		properties.setProperty("mail.smtp.timeout", "1000");
		return track(new SmtpEmailGateway(Session.getInstance(properties), null, null, concurrency, CLOCK));
	}

	private SmtpEmailGateway track(SmtpEmailGateway gateway) {
		this.gateways.add(gateway);
		return gateway;
	}

	private static SubmitOutcome send(SmtpEmailGateway gateway, OutboundEmail email) throws Exception {
		return gateway.send(email).get(10, TimeUnit.SECONDS);
	}

	private static List<SubmitOutcome> sendAll(SmtpEmailGateway gateway, int count) throws Exception {
		List<CompletableFuture<SubmitOutcome>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(gateway.send(marketing("bulk-" + i, "person" + i + "@example.org")));
		}
		List<SubmitOutcome> outcomes = new ArrayList<>();
		for (CompletableFuture<SubmitOutcome> future : futures) {
			outcomes.add(future.get(30, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	static OutboundEmail marketing(String reference, String to) {
		return new OutboundEmail(reference, "news@boulangerie.example", "Boulangerie Dupont", to, "Nos offres",
				"Bonjour, voici nos offres.", "<p>Bonjour, voici nos offres.</p>", UNSUBSCRIBE);
	}

	private MimeMessage onlyReceived() {
		assertThat(this.greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
		MimeMessage[] received = this.greenMail.getReceivedMessages();
		assertThat(received).hasSize(1);
		return received[0];
	}
}
