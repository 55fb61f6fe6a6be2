package org.optinel.messaging.email;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP connection that knows how far the message in flight went, and what the server first
 * refused, whatever exception Jakarta Mail reports in the end (it sends {@code RSET} after a
 * refusal, and that can fail in turn and hide the refusal).
 * <p>
 * It hooks the steps Angus Mail's {@link SMTPTransport} exposes for extension ({@code mailFrom},
 * {@code rcptTo}, {@code data}, {@code finishData}, {@code bdat}, {@code readServerResponse});
 * Angus calls them in that order from {@code sendMessage}, holding the transport's lock. Used by
 * one thread at a time.
 */
final class SmtpConnection extends SMTPTransport {

	/** How far the current message went. */
	enum Step {

		/** {@code MAIL FROM} was being sent or answered. */
		MAIL_FROM,

		/** {@code RCPT TO} was being sent or answered. */
		RCPT_TO,

		/** {@code DATA} was sent; the server had not yet answered 354. */
		DATA,

		/** The server answered 354 and the content was being written; its end mark was not sent. */
		CONTENT,

		/**
		 * The end-of-data mark ({@code CRLF.CRLF}, or a {@code BDAT} chunk) was being sent or was
		 * sent: from here on the server may have taken the message.
		 */
		END_OF_DATA
	}

	/**
	 * The first answer of this message that was not a success: a code from 400 to 599 is the
	 * server's word; anything else (-1: the connection closed, or a line that is no answer) is not.
	 */
	record Reply(Step step, int code, String text) {

		boolean definite() {
			return this.code >= 400 && this.code <= 599;
		}
	}

	private Step step;

	private Reply refusal;

	private boolean aborting;

	SmtpConnection(Session session, String protocol) {
		super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
	}

	/**
	 * Sends one message to one recipient, remembering how far it went; after a failure
	 * {@link #step()} and {@link #refusal()} tell what happened.
	 */
	void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
		this.step = null;
		this.refusal = null;
		sendMessage(message, new Address[] { recipient });
	}

	/** The step the last message reached; null when it failed before {@code MAIL FROM}. */
	Step step() {
		return this.step;
	}

	/** The last message's first answer that was not a success; null when there was none. */
	Reply refusal() {
		return this.refusal;
	}

	/**
	 * Closes a connection that failed or is in doubt: {@code QUIT} is sent if the socket takes it,
	 * but its answer is not awaited, which on a stalled server would take a whole read timeout.
	 */
	void abort() {
		this.aborting = true;
		try {
			close();
		}
		catch (MessagingException | RuntimeException e) {
			// closed all the same: Angus closes the socket whatever QUIT did
		}
		finally {
			this.aborting = false;
		}
	}

	@Override
	protected void mailFrom() throws MessagingException {
		this.step = Step.MAIL_FROM;
		super.mailFrom();
	}

	@Override
	protected void rcptTo() throws MessagingException {
		this.step = Step.RCPT_TO;
		super.rcptTo();
	}

	@Override
	protected OutputStream data() throws MessagingException {
		this.step = Step.DATA;
		OutputStream content = super.data();
		this.step = Step.CONTENT;
		return content;
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		this.step = Step.END_OF_DATA;
		super.finishData();
	}

	/**
	 * Only with {@code mail.smtp.chunksize} set and a server that offers CHUNKING. Each chunk is
	 * taken as possibly the last: a failure from the first chunk on is uncertain, never resent.
	 */
	@Override
	protected OutputStream bdat() throws MessagingException {
		this.step = Step.END_OF_DATA;
		return super.bdat();
	}

	@Override
	protected int readServerResponse() throws MessagingException {
		if (this.aborting) {
			return -1;
		}
		int code = super.readServerResponse();
		if (this.step != null && this.refusal == null && (code < 200 || code >= 400)) {
			this.refusal = new Reply(this.step, code, getLastServerResponse());
		}
		return code;
	}
}
