package org.optinel.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * A GreenMail SMTP server on loopback that the application sends its email to, the way a test
 * class sets it up in its {@code @DynamicPropertySource}: the SMTP provider, the server's port, the
 * public base URL that links are built on, and a short outbox poll. The class stops it in
 * {@code @AfterAll}.
 */
public final class SmtpPeer {

	private final GreenMail server;

	private SmtpPeer(GreenMail server) {
		this.server = server;
	}

	/** Starts the server and points the application at it; links are made on {@code publicBaseUrl}. */
	public static SmtpPeer start(DynamicPropertyRegistry registry, String publicBaseUrl) {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		registry.add("optinel.email.provider", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> server.getSmtp().getPort());
		registry.add("optinel.messaging.public-base-url", () -> publicBaseUrl);
		registry.add("optinel.outbox.email.poll", () -> "200ms");
		return new SmtpPeer(server);
	}

	public void stop() {
		server.stop();
	}

	/** Every message received so far for {@code email}. */
	public List<MimeMessage> receivedBy(String email) {
		return Arrays.stream(server.getReceivedMessages()).filter(m -> isFor(m, email)).toList();
	}

	/** The first message for {@code email}, waiting up to 15 seconds for it to arrive. */
	public MimeMessage awaitFirstFor(String email) {
		return await().atMost(Duration.ofSeconds(15)).until(() -> receivedBy(email), list -> !list.isEmpty()).get(0);
	}

	private static boolean isFor(MimeMessage message, String email) {
		try {
			Address[] to = message.getAllRecipients();
			return to != null && Arrays.stream(to)
				.anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(email));
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
