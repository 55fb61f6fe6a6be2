package org.optinel.messaging.file;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.SubmitOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The email outbox: each message an {@code .eml} file a mail reader opens, with every header SMTP would carry. */
class FileEmailGatewayUnitTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00.123Z"), ZoneOffset.UTC);

	private static final URI UNSUBSCRIBE = URI.create("https://optinel.example.com/unsubscribe/token");

	@TempDir
	Path root;

	@Test
	@DisplayName("EM-01, EP-03: the .eml file parses back with the sender's name, both one-click headers and both parts")
	void writesAMessageThatParsesBackWithItsHeadersAndParts() throws Exception {
		Path outbox = this.root.resolve("outbox").resolve("email");
		FileEmailGateway gateway = new FileEmailGateway(outbox, CLOCK);

		SubmitOutcome outcome = gateway.send(new OutboundEmail("ref/1", "news@boulangerie.example", "Boulangerie Dupont",
				"claire@example.org", "Crème brûlée", "Bonjour Claire", "<p>Bonjour Claire</p>", UNSUBSCRIBE)).get();

		assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
		String name = ((SubmitOutcome.Accepted) outcome).providerIds().get(0);
		assertThat(name).matches("20261130T100000123Z-ref_1-[0-9a-f]{8}\\.eml");
		assertThat(filesIn(outbox)).containsExactly(name);
		MimeMessage parsed = parse(outbox.resolve(name));
		assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Boulangerie Dupont");
		assertThat(parsed.getSubject()).isEqualTo("Crème brûlée");
		assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
		assertThat(parsed.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(parsed.getHeader("X-Optinel-Reference")).containsExactly("ref/1");
		assertThat(parsed.getHeader("Message-ID")).hasSize(1);
		assertThat(parsed.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
		MimeMultipart alternatives = (MimeMultipart) parsed.getContent();
		assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
		assertThat(alternatives.getBodyPart(0).getContent()).asString().isEqualTo("Bonjour Claire");
		assertThat(alternatives.getBodyPart(1).getContent()).asString().isEqualTo("<p>Bonjour Claire</p>");
	}

	@Test
	@DisplayName("EM-01: a transactional message in the outbox carries no one-click headers")
	void aTransactionalMessageCarriesNoUnsubscribeHeaders() throws Exception {
		FileEmailGateway gateway = new FileEmailGateway(this.root, CLOCK);

		SubmitOutcome outcome = gateway.send(new OutboundEmail("ref-2", "orders@boulangerie.example",
				"Boulangerie Dupont", "claire@example.org", "Commande", "Prête.", null, null)).get();

		MimeMessage parsed = parse(this.root.resolve(((SubmitOutcome.Accepted) outcome).providerIds().get(0)));
		assertThat(parsed.getHeader("List-Unsubscribe")).isNull();
		assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
		assertThat(parsed.getContent()).asString().isEqualTo("Prête.");
	}

	@Test
	void aPlainHttpUnsubscribeUrlIsWrittenAsGivenForLocalTrials() throws Exception {
		FileEmailGateway gateway = new FileEmailGateway(this.root, CLOCK);
		URI local = URI.create("http://localhost:8080/unsubscribe/token");

		SubmitOutcome outcome = gateway.send(new OutboundEmail("ref-3", "news@boulangerie.example",
				"Boulangerie Dupont", "claire@example.org", "Promo", "Texte", null, local)).get();

		MimeMessage parsed = parse(this.root.resolve(((SubmitOutcome.Accepted) outcome).providerIds().get(0)));
		assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<" + local + ">");
	}

	@Test
	void messagesWrittenAtOnceGetAFileEachAndNoTemporaryFileRemains() throws Exception {
		FileEmailGateway gateway = new FileEmailGateway(this.root, CLOCK);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<SubmitOutcome>> outcomes = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				OutboundEmail email = new OutboundEmail("same-ref", "news@boulangerie.example", "Boulangerie Dupont",
						"person" + i + "@example.org", "Promo", "Texte " + i, null, UNSUBSCRIBE);
				outcomes.add(threads.submit(() -> gateway.send(email).get()));
			}
			for (Future<SubmitOutcome> outcome : outcomes) {
				assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(SubmitOutcome.Accepted.class);
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(filesIn(this.root)).hasSize(200).allMatch(name -> name.endsWith(".eml"));
	}

	@Test
	void aRecipientThatIsNoAddressIsRejectedAndNothingIsWritten() throws Exception {
		FileEmailGateway gateway = new FileEmailGateway(this.root, CLOCK);

		SubmitOutcome outcome = gateway.send(new OutboundEmail("ref-4", "news@boulangerie.example",
				"Boulangerie Dupont", "not an address", "Promo", "Texte", null, UNSUBSCRIBE)).get();

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Rejected.class,
				rejected -> assertThat(rejected.recipientRefused()).isTrue());
		assertThat(filesIn(this.root)).isEmpty();
	}

	@Test
	void aDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
		Path file = Files.writeString(this.root.resolve("occupied"), "a file, not a directory");
		FileEmailGateway gateway = new FileEmailGateway(file.resolve("email"), CLOCK);

		assertThatIllegalStateException().isThrownBy(() -> gateway.send(marketing()))
			.withMessageContaining(file.resolve("email").toAbsolutePath().toString());
	}

	@Test
	void aWriteThatFailsIsRetried() throws Exception {
		Path outbox = this.root.resolve("email");
		FileEmailGateway gateway = new FileEmailGateway(outbox, CLOCK);
		assertThat(gateway.send(marketing()).get()).isInstanceOf(SubmitOutcome.Accepted.class);
		for (String name : filesIn(outbox)) {
			Files.delete(outbox.resolve(name));
		}
		Files.delete(outbox);
		Files.writeString(outbox, "the directory was replaced by a file");

		SubmitOutcome outcome = gateway.send(marketing()).get();

		assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Retry.class,
				retry -> assertThat(retry.reason()).contains(outbox.toString()));
	}

	private static OutboundEmail marketing() {
		return new OutboundEmail("ref", "news@boulangerie.example", "Boulangerie Dupont", "claire@example.org", "Promo",
				"Texte", null, UNSUBSCRIBE);
	}

	private static List<String> filesIn(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(file -> file.getFileName().toString()).toList();
		}
	}

	private static MimeMessage parse(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			message.getContent();
			return message;
		}
	}
}
