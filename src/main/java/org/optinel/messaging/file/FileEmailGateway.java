package org.optinel.messaging.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.optinel.messaging.EmailGateway;
import org.optinel.messaging.OutboundEmail;
import org.optinel.messaging.SubmitOutcome;
import org.optinel.messaging.email.EmailMessages;

/**
 * An email gateway that sends nothing: it writes each message, headers included, as an RFC 5322
 * {@code .eml} file that any mail reader opens. The message is the one the SMTP gateway would send
 * ({@link EmailMessages}); unlike that gateway this one writes a marketing message whose
 * unsubscribe URL is plain HTTP, so that a local set-up without TLS can be tried.
 * <p>
 * A file is named after the time, the reference and a random part of the Message-ID
 * ({@code 20261130T100000123Z-ref-1a2b3c4d.eml}); it is written under a hidden temporary name and
 * then moved into place, so that a reader of the directory never sees half a message. The
 * directory is created on first use. A write that fails is {@link SubmitOutcome.Retry}.
 */
public final class FileEmailGateway implements EmailGateway {

	/** Where messages go when no other directory is configured, relative to the working directory. */
	public static final Path DEFAULT_DIRECTORY = Path.of("data", "outbox", "email");

	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Clock clock;

	private final Session session = Session.getInstance(new Properties());

	private volatile boolean directoryReady;

	/**
	 * @param directory where the {@code .eml} files go, e.g. {@link #DEFAULT_DIRECTORY}
	 * @param clock the time in each message's {@code Date} and file name
	 */
	public FileEmailGateway(Path directory, Clock clock) {
		this.directory = Objects.requireNonNull(directory, "directory");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The directory the files go to. */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Writes the message; the outcome names the file.
	 *
	 * @throws IllegalStateException when the directory does not exist and cannot be created: a
	 *         configuration error, not an outcome
	 */
	@Override
	public CompletableFuture<SubmitOutcome> send(OutboundEmail email) {
		Objects.requireNonNull(email, "email");
		ensureDirectory();
		Instant now = this.clock.instant();
		EmailMessages.Prepared message;
		try {
			message = EmailMessages.build(email, this.session, now);
		}
		catch (EmailMessages.Unsendable e) {
			return CompletableFuture.completedFuture(new SubmitOutcome.Rejected(e.getMessage(), e.recipient()));
		}
		String name = FILE_TIME.format(now) + "-" + FileNames.safe(email.reference()) + "-"
				+ message.messageId().substring(1, 9) + ".eml";
		return CompletableFuture.completedFuture(write(message, name));
	}

	private SubmitOutcome write(EmailMessages.Prepared message, String name) {
		Path target = this.directory.resolve(name);
		Path temporary = null;
		try {
			temporary = Files.createTempFile(this.directory, ".", ".eml.tmp");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
				message.mime().writeTo(out);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			return new SubmitOutcome.Accepted(List.of(name));
		}
		catch (IOException | MessagingException e) {
			if (e instanceof NoSuchFileException) {
				this.directoryReady = false;
			}
			deleteQuietly(temporary);
			return new SubmitOutcome.Retry("cannot write " + target + ": " + e, RETRY_AFTER);
		}
	}

	private void ensureDirectory() {
		if (!this.directoryReady) {
			FileNames.createDirectories(this.directory, "email outbox directory");
			this.directoryReady = true;
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException e) {
				// The temporary file is hidden and harmless; the outcome already says what failed.
			}
		}
	}

	@Override
	public String toString() {
		return "FileEmailGateway[" + this.directory.toAbsolutePath() + "]";
	}
}
