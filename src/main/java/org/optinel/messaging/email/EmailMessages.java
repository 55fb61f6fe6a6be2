package org.optinel.messaging.email;

import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.optinel.messaging.OutboundEmail;

/**
 * Builds the MIME message of an {@link OutboundEmail}, the same for every gateway: what the SMTP
 * relay receives is what the file outbox shows.
 * <p>
 * The message is UTF-8 throughout: {@code text/plain} alone, or {@code multipart/alternative} with
 * the text first and the HTML last (the part a reader prefers, RFC 2046). {@code From} carries the
 * sender's name (EP-03); {@code Date} is the given instant in UTC; {@code Message-ID} is random and
 * never reused, also when the same reference is sent again; {@code X-Optinel-Reference} carries the
 * reference for correlating bounces. A marketing message carries {@code List-Unsubscribe} with its
 * one URL in angle brackets and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC
 * 8058, EM-01); a transactional one carries neither.
 * <p>
 * Line breaks in the subject or the sender's name become spaces, so that no field can add a header.
 */
public final class EmailMessages {

	/** The header that carries {@link OutboundEmail#reference()}. */
	public static final String REFERENCE_HEADER = "X-Optinel-Reference";

	/** RFC 2369, with the one-click URL of RFC 8058. */
	public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";

	/** RFC 8058: says that a POST to the URL unsubscribes, without a page to visit. */
	public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

	/** The only value RFC 8058 allows for {@link #LIST_UNSUBSCRIBE_POST}. */
	public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

	private static final String UTF_8 = StandardCharsets.UTF_8.name();

	/** RFC 5322 date-time, always with a numeric zone. */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

	/** Visible ASCII only: the reference goes into a header unencoded. */
	private static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1,200}");

	/** The system property through which Jakarta Mail's FactoryFinder is told its stream provider. */
	static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

	static {
		// Jakarta Mail 2.1 finds its stream provider anew through ServiceLoader for every body part,
		// multipart and encoded word, reading every jar on the class path each time (jakartaee/mail-api
		// issues 699 and 861, fixed in 2.2): that cost more than building and writing the message.
		// Named in this property, the provider is a plain class load. Angus' is the one ServiceLoader
		// would find; someone who chose another keeps theirs.
		if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
			System.setProperty(STREAM_PROVIDER_PROPERTY, MailStreamProvider.class.getName());
		}
	}

	private EmailMessages() {
	}

	/**
	 * A message built and ready to write or send.
	 *
	 * @param mime the message, its headers final ({@link MimeMessage#saveChanges()} was called)
	 * @param messageId its {@code Message-ID}, angle brackets included
	 * @param recipient the address it goes to
	 */
	public record Prepared(MimeMessage mime, String messageId, InternetAddress recipient) {

		public Prepared {
			Objects.requireNonNull(mime, "mime");
			Objects.requireNonNull(messageId, "messageId");
			Objects.requireNonNull(recipient, "recipient");
		}
	}

	/**
	 * An email that cannot be put into a message: an address that is not one, a reference that
	 * cannot go into a header. Sending it again would fail the same way.
	 */
	public static final class Unsendable extends Exception {

		private static final long serialVersionUID = 1L;

		private final boolean recipient;

		Unsendable(String message, boolean recipient, Throwable cause) {
			super(message, cause);
			this.recipient = recipient;
		}

		/** Whether the recipient's address itself is what is wrong (it can never receive mail). */
		public boolean recipient() {
			return this.recipient;
		}
	}

	/**
	 * The message for {@code email}, dated {@code date}.
	 *
	 * @param session the session whose properties govern MIME encoding (any session will do for the
	 *        file outbox)
	 * @throws Unsendable when an address or the reference cannot go into the message
	 */
	public static Prepared build(OutboundEmail email, Session session, Instant date) throws Unsendable {
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(session, "session");
		Objects.requireNonNull(date, "date");
		if (!REFERENCE.matcher(email.reference()).matches()) {
			throw new Unsendable("reference must be 1 to 200 visible ASCII characters to go into "
					+ REFERENCE_HEADER + ", was '" + email.reference() + "'", false, null);
		}
		InternetAddress recipient = recipient(email.to());
		InternetAddress from = sender(email.fromAddress(), singleLine(email.fromName()));
		String messageId = "<" + UUID.randomUUID() + "@" + domainOf(from.getAddress()) + ">";
		try {
			MimeMessage mime = new IdentifiedMimeMessage(session, messageId);
			mime.setFrom(from);
			mime.setRecipient(Message.RecipientType.TO, recipient);
			mime.setSubject(singleLine(email.subject()), UTF_8);
			mime.setHeader("Date", DATE.format(date));
			mime.setHeader(REFERENCE_HEADER, email.reference());
			if (email.marketing()) {
				mime.setHeader(LIST_UNSUBSCRIBE, "<" + email.unsubscribe().toASCIIString() + ">");
				mime.setHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
			}
			if (email.html() == null) {
				mime.setText(email.text(), UTF_8);
			}
			else {
				MimeBodyPart text = new MimeBodyPart();
				text.setText(email.text(), UTF_8);
				MimeBodyPart html = new MimeBodyPart();
				html.setText(email.html(), UTF_8, "html");
				MimeMultipart alternative = new MimeMultipart("alternative");
				alternative.addBodyPart(text);
				alternative.addBodyPart(html);
				mime.setContent(alternative);
			}
			mime.saveChanges();
			return new Prepared(mime, messageId, recipient);
		}
		catch (MessagingException e) {
			throw new Unsendable("cannot build the message: " + e.getMessage(), false, e);
		}
	}

	private static InternetAddress recipient(String to) throws Unsendable {
		try {
			InternetAddress address = new InternetAddress(to, true);
			address.validate();
			return address;
		}
		catch (AddressException e) {
			// An address outside ASCII may be valid (SMTPUTF8); it is only that this sender cannot use it.
			boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(to);
			throw new Unsendable("recipient is not a usable email address: " + e.getMessage(), ascii, e);
		}
	}

	private static InternetAddress sender(String address, String name) throws Unsendable {
		try {
			InternetAddress from = new InternetAddress(address, name, UTF_8);
			from.validate();
			return from;
		}
		catch (AddressException | UnsupportedEncodingException e) {
			throw new Unsendable("sender address '" + address + "' is not a usable email address: " + e.getMessage(),
					false, e);
		}
	}

	/** The sender's domain, in ASCII, for the right-hand side of the Message-ID. */
	private static String domainOf(String address) {
		String domain = address.substring(address.lastIndexOf('@') + 1);
		try {
			String ascii = IDN.toASCII(domain);
			return ascii.isEmpty() ? "optinel.invalid" : ascii;
		}
		catch (IllegalArgumentException e) {
			return "optinel.invalid";
		}
	}

	private static String singleLine(String value) {
		return LINE_BREAKS.matcher(value).replaceAll(" ");
	}

	/** Keeps the Message-ID chosen above: Jakarta Mail would otherwise make one from the host's name. */
	private static final class IdentifiedMimeMessage extends MimeMessage {

		private final String messageId;

		IdentifiedMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}
	}
}
