package org.optinel.messaging.email;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.optinel.messaging.EmailGateway;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.SubmitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * An email gateway that hands messages to one SMTP server (a relay or an email service's SMTP
 * endpoint) through a fixed number of sender threads, each with its own connection.
 * <p>
 * A sender keeps its connection open from one message to the next. It opens a new one when it has
 * none, when the last one failed, when the server ended it with 421, and after it lay idle for
 * {@value #IDLE_SECONDS} seconds (servers drop idle clients). When a connection cannot be opened,
 * messages are answered {@link SubmitOutcome.Retry} for a few seconds without another attempt, so
 * that a server that is down does not hold each message for a connection timeout.
 * <p>
 * Where the outcome comes from, step by step of the SMTP transaction. The boundary is the
 * end-of-data mark ({@code CRLF.CRLF} after the content): the server processes a transaction
 * only on receiving that mark and takes responsibility for the message with its 250 answer (RFC
 * 5321, 4.1.1.4 and 6.1), so a transaction cut off before the mark never completes. Between the
 * mark going out and the answer coming in lies the window in which a message can be delivered
 * without the client knowing (RFC 1047).
 * <ul>
 * <li>Before the mark ({@code MAIL FROM}, {@code RCPT TO}, {@code DATA}, the content): the server
 * cannot have taken the message. A 5xx answer is {@link SubmitOutcome.Rejected}; a 4xx answer, a
 * connection that cannot be opened or that breaks is {@link SubmitOutcome.Retry}. A connection that
 * had already carried messages and breaks before the content is taken to have gone stale: the
 * message is offered once more on a new connection.</li>
 * <li>From the moment the mark may have been written on: only the server's answer settles it. 250 is
 * {@link SubmitOutcome.Accepted} (the provider id is the message's {@code Message-ID}, angle
 * brackets included); 5xx is rejected; 4xx is retry (the server says it did not take it). No
 * answer (the connection dropped, the read timed out, a line that is no answer) is
 * {@link SubmitOutcome.Uncertain} with the Message-ID: the message may be on its way, and it is
 * never sent again. That connection is dropped without waiting for an answer to {@code QUIT}.</li>
 * </ul>
 * A 5xx refuses the recipient itself ({@code recipientRefused}) when its enhanced status (RFC 3463)
 * is 5.1.x (addressing) other than 5.1.7 and 5.1.8, which are about the sender, or 5.2.1 (mailbox
 * disabled); without an enhanced status, when it is 550, 551 or 553 in answer to {@code RCPT TO}.
 * Any other 5xx (a policy refusal 5.7.x, a full mailbox, a refused sender, a message too large)
 * rejects this message, not the address. A recipient that is not an email address at all is
 * refused before connecting.
 * <p>
 * A marketing message whose unsubscribe URL is not HTTPS is rejected before connecting: EM-01
 * allows no other one-click link.
 * <p>
 * The password is used to log in and nowhere else: no log line or {@link #toString()} shows it.
 * Callers bound the number of messages in flight; the queue in front of the senders is not bounded.
 * Outcomes complete on a sender thread: what a caller chains onto them should not block.
 */
public final class SmtpEmailGateway implements EmailGateway, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpEmailGateway.class);

	/** How long before a transient failure is worth trying again. */
	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	/** How long after a failed connection attempt messages are answered Retry without trying. */
	static final Duration UNREACHABLE_PAUSE = Duration.ofSeconds(5);

	static final int IDLE_SECONDS = 30;

	/** Connection timeout when the configuration sets none (Jakarta Mail's default is to wait forever). */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Read timeout when the configuration sets none. It bounds the wait for the answer to the end of
	 * the data: shorter makes more messages uncertain, longer holds a sender longer on a stalled
	 * server (RFC 5321 suggests 10 minutes for that answer).
	 */
	static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

	/** "550 5.1.1 ..." or "550-5.1.1 ...": the class, subject and detail of an enhanced status. */
	private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\d{3}[ -]([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

	private final Session session;

	private final String protocol;

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private final Clock clock;

	private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();

	private final List<Thread> senders = new ArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile boolean closed;

	private volatile long unreachableUntilNanos = System.nanoTime();

	private volatile String unreachableReason;

	/**
	 * Starts {@code concurrency} sender threads; none connects before its first message.
	 *
	 * @param session where host ({@code mail.smtp.host}), port and every other Jakarta Mail setting
	 *        of the protocol ({@code mail.transport.protocol}: {@code smtp} or {@code smtps}) are read;
	 *        it should set {@code mail.smtp.connectiontimeout} and {@code mail.smtp.timeout}, which
	 *        are infinite otherwise ({@link #from(MailProperties, int, Clock)} sets both)
	 * @param username the login, or null to send without logging in
	 * @param password the password for {@code username}, or null
	 * @param concurrency sender threads, each with one connection
	 * @param clock the time written into each message's {@code Date}
	 */
	public SmtpEmailGateway(Session session, String username, String password, int concurrency, Clock clock) {
		this.session = Objects.requireNonNull(session, "session");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		this.protocol = Objects.requireNonNullElse(session.getProperty("mail.transport.protocol"), "smtp");
		if (!this.protocol.equals("smtp") && !this.protocol.equals("smtps")) {
			throw new IllegalArgumentException(
					"mail.transport.protocol must be smtp or smtps for the SMTP gateway, was " + this.protocol);
		}
		String configuredHost = session.getProperty("mail." + this.protocol + ".host");
		this.host = StringUtils.hasText(configuredHost) ? configuredHost : session.getProperty("mail.host");
		if (!StringUtils.hasText(this.host)) {
			throw new IllegalArgumentException("mail." + this.protocol + ".host must name the SMTP server");
		}
		String configuredPort = session.getProperty("mail." + this.protocol + ".port");
		try {
			this.port = StringUtils.hasText(configuredPort) ? Integer.parseInt(configuredPort.strip()) : -1;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(
					"mail." + this.protocol + ".port must be a port number, was '" + configuredPort + "'", e);
		}
		this.username = StringUtils.hasText(username) ? username : null;
		this.password = (this.username != null) ? password : null;
		for (int i = 1; i <= concurrency; i++) {
			Thread sender = new Thread(new Sender(), "smtp-sender-" + this.host + "-" + i);
			sender.setDaemon(true);
			this.senders.add(sender);
		}
		this.senders.forEach(Thread::start);
	}

	/** A gateway to the server of Spring Boot's {@code spring.mail.*} settings, with no SSL bundle. */
	public static SmtpEmailGateway from(MailProperties mail, int concurrency, Clock clock) {
		return from(mail, null, concurrency, clock);
	}

	/**
	 * A gateway to the server of Spring Boot's {@code spring.mail.*} settings, read as Boot reads
	 * them for its own mail sender: host, port, username, password, protocol, {@code ssl.*} and
	 * {@code properties.*} (these may override the timeouts). {@code default-encoding} is not used:
	 * messages are always UTF-8.
	 *
	 * @param sslBundles where {@code spring.mail.ssl.bundle} is found; null when none is named
	 * @throws IllegalStateException when a setting is missing or not supported, naming it
	 */
	public static SmtpEmailGateway from(MailProperties mail, SslBundles sslBundles, int concurrency, Clock clock) {
		Objects.requireNonNull(mail, "mail");
		if (StringUtils.hasText(mail.getJndiName())) {
			throw new IllegalStateException("spring.mail.jndi-name is not supported by the SMTP gateway: "
					+ "set spring.mail.host (and port, username, password) instead");
		}
		if (!StringUtils.hasText(mail.getHost())) {
			throw new IllegalStateException("spring.mail.host must name the SMTP server, e.g. smtp.example.com");
		}
		String protocol = StringUtils.hasText(mail.getProtocol()) ? mail.getProtocol() : "smtp";
		if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
			throw new IllegalStateException("spring.mail.protocol must be smtp or smtps, was " + protocol);
		}
		Properties properties = new Properties();
		properties.setProperty("mail." + protocol + ".connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
		properties.setProperty("mail." + protocol + ".timeout", Long.toString(READ_TIMEOUT.toMillis()));
		properties.putAll(mail.getProperties());
		properties.setProperty("mail.transport.protocol", protocol);
		properties.setProperty("mail." + protocol + ".host", mail.getHost());
		if (mail.getPort() != null) {
			properties.setProperty("mail." + protocol + ".port", Integer.toString(mail.getPort()));
		}
		if (Boolean.parseBoolean(properties.getProperty("mail." + protocol + ".auth"))
				&& (!StringUtils.hasText(mail.getUsername()) || mail.getPassword() == null)) {
			throw new IllegalStateException("spring.mail.username and spring.mail.password must be set when "
					+ "spring.mail.properties.mail." + protocol + ".auth is true");
		}
		MailProperties.Ssl ssl = mail.getSsl();
		if (ssl.isEnabled()) {
			properties.setProperty("mail." + protocol + ".ssl.enable", "true");
		}
		if (ssl.isVerifyHostname()) {
			properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
		}
		if (StringUtils.hasText(ssl.getBundle())) {
			if (sslBundles == null) {
				throw new IllegalStateException(
						"spring.mail.ssl.bundle is '" + ssl.getBundle() + "' but no SSL bundles were given");
			}
			properties.put("mail." + protocol + ".ssl.socketFactory",
					sslBundles.getBundle(ssl.getBundle()).createSslContext().getSocketFactory());
		}
		return new SmtpEmailGateway(Session.getInstance(properties), mail.getUsername(), mail.getPassword(),
				concurrency, clock);
	}

	@Override
	public CompletableFuture<SubmitOutcome> send(OutboundEmail email) {
		Objects.requireNonNull(email, "email");
		Job job = new Job(email, new CompletableFuture<>());
		if (this.closed) {
			return job.closed();
		}
		this.queue.add(job);
		// close() may have drained the queue between the check and the add: whoever removes it answers it.
		if (this.closed && this.queue.remove(job)) {
			return job.closed();
		}
		return job.outcome();
	}

	/** How many SMTP connections the senders opened so far. */
	public int connectionCount() {
		return this.connections.get();
	}

	/**
	 * Lets each sender finish the message it is sending, answers the messages still waiting
	 * {@link SubmitOutcome.Retry}, and closes the connections.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (int i = 0; i < this.senders.size(); i++) {
			this.queue.add(Job.STOP);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		for (Thread sender : this.senders) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(sender, Math.max(1, deadline - System.nanoTime()));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		for (Job job; (job = this.queue.poll()) != null;) {
			job.closed();
		}
	}

	@Override
	public String toString() {
		return "SmtpEmailGateway[" + this.protocol + "://" + this.host + (this.port > 0 ? ":" + this.port : "") + ", "
				+ this.senders.size() + " senders]";
	}

	private String server() {
		return this.host + (this.port > 0 ? ":" + this.port : "");
	}

	/** One message waiting for a sender, and the future its caller holds. */
	private record Job(OutboundEmail email, CompletableFuture<SubmitOutcome> outcome) {

		/** Wakes a sender so that it sees the gateway closed. */
		static final Job STOP = new Job(null, new CompletableFuture<>());

		CompletableFuture<SubmitOutcome> closed() {
			this.outcome.complete(new SubmitOutcome.Retry("gateway closed", Duration.ZERO));
			return this.outcome;
		}
	}

	/** What a failed attempt came to: an outcome, or another attempt on a new connection. */
	private record Failure(SubmitOutcome outcome, boolean keepConnection) {

		static final Failure STALE = new Failure(null, false);

		boolean offerAgain() {
			return this.outcome == null;
		}
	}

	/** A sender thread and the connection it alone uses. */
	private final class Sender implements Runnable {

		private SmtpConnection connection;

		private long lastUsedNanos;

		/** Whether the connection has carried a message: a failure on it may just mean it went stale. */
		private boolean reused;

		@Override
		public void run() {
			try {
				while (true) {
					Job job = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
					if (job == null) {
						disconnect();
						continue;
					}
					if (job == Job.STOP || closed) {
						if (job != Job.STOP) {
							job.closed();
						}
						return;
					}
					SubmitOutcome outcome;
					try {
						outcome = deliver(job.email());
					}
					catch (RuntimeException e) {
						// A fault of ours, not of the server; the message was not sent whole.
						log.error("SMTP sender failed on message {}", job.email().reference(), e);
						abandon();
						outcome = new SubmitOutcome.Retry("sender failed: " + e, RETRY_AFTER);
					}
					job.outcome().complete(outcome);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			finally {
				disconnect();
			}
		}

		private SubmitOutcome deliver(OutboundEmail email) {
			if (email.marketing() && !"https".equalsIgnoreCase(email.unsubscribe().getScheme())) {
				return new SubmitOutcome.Rejected("the one-click unsubscribe URL must be HTTPS (EM-01), was "
						+ email.unsubscribe().getScheme() + "://…");
			}
			EmailMessages.Prepared message;
			try {
				message = EmailMessages.build(email, session, clock.instant());
			}
			catch (EmailMessages.Unsendable e) {
				return new SubmitOutcome.Rejected(e.getMessage(), e.recipient());
			}
			for (int attempt = 1;; attempt++) {
				if (this.connection != null && System.nanoTime() - this.lastUsedNanos > TimeUnit.SECONDS
					.toNanos(IDLE_SECONDS)) {
					disconnect();
				}
				if (this.connection == null) {
					SubmitOutcome notConnected = connect();
					if (notConnected != null) {
						return notConnected;
					}
				}
				try {
					this.connection.send(message.mime(), message.recipient());
					this.lastUsedNanos = System.nanoTime();
					this.reused = true;
					return new SubmitOutcome.Accepted(List.of(message.messageId()));
				}
				catch (MessagingException | RuntimeException e) {
					Failure failure = classify(e, message.messageId());
					if (failure.keepConnection()) {
						this.lastUsedNanos = System.nanoTime();
						this.reused = true;
					}
					else {
						abandon();
					}
					if (failure.offerAgain() && attempt == 1) {
						log.debug("SMTP connection to {} went stale ({}); sending on a new one", server(),
								e.getMessage());
						continue;
					}
					if (failure.offerAgain()) {
						return new SubmitOutcome.Retry("connection lost before the message was sent: " + describe(e),
								RETRY_AFTER);
					}
					return failure.outcome();
				}
			}
		}

		/** Opens a connection; answers null when connected, else the outcome for the message. */
		private SubmitOutcome connect() {
			if (System.nanoTime() - unreachableUntilNanos < 0) {
				return new SubmitOutcome.Retry("SMTP server " + server() + " unreachable: " + unreachableReason,
						RETRY_AFTER);
			}
			SmtpConnection fresh = new SmtpConnection(session, protocol);
			try {
				fresh.connect(host, port, username, password);
			}
			catch (MessagingException | RuntimeException e) {
				String reason = describe(e);
				unreachableReason = reason;
				unreachableUntilNanos = System.nanoTime() + UNREACHABLE_PAUSE.toNanos();
				log.warn("Cannot connect to SMTP server {}: {}", server(), reason);
				return new SubmitOutcome.Retry("cannot connect to SMTP server " + server() + ": " + reason,
						RETRY_AFTER);
			}
			this.connection = fresh;
			this.lastUsedNanos = System.nanoTime();
			this.reused = false;
			connections.incrementAndGet();
			return null;
		}

		private Failure classify(Exception e, String messageId) {
			SmtpConnection.Step step = this.connection.step();
			SmtpConnection.Reply refusal = this.connection.refusal();
			if (refusal != null && refusal.definite()) {
				int code = refusal.code();
				boolean closing = (code == 421);
				if (closing && this.reused && refusal.step() == SmtpConnection.Step.MAIL_FROM) {
					// The server ends a connection it has served long enough: nothing was handed over.
					return Failure.STALE;
				}
				String reason = "server answered " + oneLine(refusal.text()) + " to "
						+ refusal.step().name().replace('_', ' ');
				if (code >= 500) {
					return new Failure(new SubmitOutcome.Rejected(reason, refusesRecipient(refusal)), !closing);
				}
				return new Failure(new SubmitOutcome.Retry(reason, RETRY_AFTER), !closing);
			}
			if (step == SmtpConnection.Step.END_OF_DATA) {
				String answer = (refusal != null) ? "an unreadable answer '" + oneLine(refusal.text()) + "'"
						: describe(e);
				return new Failure(new SubmitOutcome.Uncertain(
						"no answer after the end of the message data (" + answer + "): the server may have taken it",
						List.of(messageId)), false);
			}
			if (step == SmtpConnection.Step.CONTENT) {
				// Mid-DATA the connection cannot carry another message, whatever went wrong.
				if (!hasIoCause(e)) {
					return new Failure(new SubmitOutcome.Rejected("cannot write the message: " + describe(e)), false);
				}
				return new Failure(new SubmitOutcome.Retry("connection lost while sending the message, before its end, "
						+ "so the server drops it: " + describe(e), RETRY_AFTER), false);
			}
			// Before DATA was answered: nothing was handed over.
			if (this.reused) {
				return Failure.STALE;
			}
			return new Failure(
					new SubmitOutcome.Retry("connection lost before the message was sent: " + describe(e), RETRY_AFTER),
					false);
		}

		/** Closes the connection politely: it is healthy, only idle or no longer needed. */
		private void disconnect() {
			SmtpConnection current = this.connection;
			this.connection = null;
			if (current != null) {
				try {
					current.close();
				}
				catch (MessagingException | RuntimeException e) {
					log.debug("Closing SMTP connection to {}: {}", server(), e.getMessage());
				}
			}
		}

		/** Drops a connection that failed: nothing more is awaited from it. */
		private void abandon() {
			SmtpConnection current = this.connection;
			this.connection = null;
			if (current != null) {
				current.abort();
			}
		}
	}

	/**
	 * Whether a 5xx answer refuses the recipient's address itself, which then becomes a hard bounce.
	 */
	static boolean refusesRecipient(SmtpConnection.Reply reply) {
		if (reply.code() < 500 || reply.code() > 599 || reply.step() == SmtpConnection.Step.MAIL_FROM) {
			return false;
		}
		Matcher enhanced = ENHANCED_STATUS.matcher(reply.text() == null ? "" : reply.text());
		if (enhanced.find()) {
			int subject = Integer.parseInt(enhanced.group(2));
			int detail = Integer.parseInt(enhanced.group(3));
			return enhanced.group(1).equals("5")
					&& (subject == 1 && detail != 7 && detail != 8 || subject == 2 && detail == 1);
		}
		int code = reply.code();
		return reply.step() == SmtpConnection.Step.RCPT_TO && (code == 550 || code == 551 || code == 553);
	}

	private static boolean hasIoCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/** The exception's message and, when it wraps another, the innermost one's. */
	private static String describe(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
		if (root == e) {
			return oneLine(message);
		}
		return oneLine(message + ": " + root.getClass().getSimpleName()
				+ (root.getMessage() != null ? " " + root.getMessage() : ""));
	}

	private static String oneLine(String text) {
		String line = (text == null) ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
		return line.isEmpty() ? "(empty)" : line;
	}
}
