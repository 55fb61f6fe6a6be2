package org.optinel.messaging.email;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.Session;

import org.junit.jupiter.api.Test;
import org.optinel.messaging.OutboundEmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The message every email gateway sends, as bytes: what no field of an email may do to its headers. */
class EmailMessagesUnitTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void aLineBreakInTheSubjectOrTheSendersNameAddsNoHeader() throws Exception {
		OutboundEmail email = new OutboundEmail("ref-1", "news@boulangerie.example",
				"Boulangerie\r\nBcc: everyone@example.org", "claire@example.org", "Promo\r\nBcc: everyone@example.org",
				"Texte", null, null);

		String written = written(EmailMessages.build(email, SESSION, NOW));

		assertThat(written.lines()).noneMatch(line -> line.startsWith("Bcc:"))
			.contains("Subject: Promo Bcc: everyone@example.org")
			.contains("From: \"Boulangerie Bcc: everyone@example.org\" <news@boulangerie.example>");
	}

	@Test
	void aReferenceThatCannotGoIntoAHeaderMakesTheEmailUnsendable() {
		OutboundEmail email = new OutboundEmail("ref\r\nBcc: everyone@example.org", "news@boulangerie.example",
				"Boulangerie", "claire@example.org", "Promo", "Texte", null, null);

		assertThatExceptionOfType(EmailMessages.Unsendable.class)
			.isThrownBy(() -> EmailMessages.build(email, SESSION, NOW))
			.satisfies(unsendable -> assertThat(unsendable.recipient()).isFalse());
	}

	@Test
	void everyBuildHasItsOwnMessageIdEvenForTheSameReference() throws Exception {
		OutboundEmail email = new OutboundEmail("ref-2", "news@boulangerie.example", "Boulangerie",
				"claire@example.org", "Promo", "Texte", null, URI.create("https://optinel.example.com/u/t"));

		String first = EmailMessages.build(email, SESSION, NOW).messageId();
		String second = EmailMessages.build(email, SESSION, NOW).messageId();

		assertThat(first).isNotEqualTo(second).matches("<[0-9a-f-]{36}@boulangerie\\.example>");
	}

	private static String written(EmailMessages.Prepared message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.mime().writeTo(out);
		return out.toString(StandardCharsets.US_ASCII);
	}
}
