package org.optinel.messaging.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SmsGateway;
import org.optinel.messaging.SmsSize;
import org.optinel.messaging.SmsText;
import org.optinel.messaging.SubmitOutcome;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS gateway that sends nothing: it appends each message to a file as one JSON line
 * ({@code time}, {@code reference}, {@code sender}, {@code recipient}, {@code text},
 * {@code encoding}, {@code segments}, {@code receiptRequested}, {@code providerIds}), sized as the
 * network would bill it ({@link SmsText}).
 * <p>
 * Each line is written whole and the file closed before the outcome is given, one message at a
 * time, so that the file can be followed ({@code tail -f}) and never holds half a line from this
 * process. The directory is created on first use. The outcome names one id per segment,
 * {@code reference-1} to {@code reference-n}, as an SMSC gives one per part. A write that fails is
 * {@link SubmitOutcome.Retry}.
 */
public final class FileSmsGateway implements SmsGateway {

	/** Where messages go when no other file is configured, relative to the working directory. */
	public static final Path DEFAULT_FILE = Path.of("data", "outbox", "sms.jsonl");

	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	private final Clock clock;

	private final Object lock = new Object();

	/** Guarded by {@link #lock}. */
	private boolean directoryReady;

	/**
	 * @param file the file the lines are appended to, e.g. {@link #DEFAULT_FILE}
	 * @param clock the time written on each line
	 */
	public FileSmsGateway(Path file, Clock clock) {
		this.file = Objects.requireNonNull(file, "file");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (file.getFileName() == null) {
			throw new IllegalArgumentException("file must name a file, was " + file);
		}
	}

	/** The file the lines go to. */
	public Path file() {
		return this.file;
	}

	/**
	 * Appends the message's line.
	 *
	 * @throws IllegalStateException when the file's directory does not exist and cannot be created:
	 *         a configuration error, not an outcome
	 */
	@Override
	public CompletableFuture<SubmitOutcome> submit(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		Instant now = this.clock.instant();
		SmsSize size = SmsText.measure(sms.text());
		List<String> ids = new ArrayList<>(size.parts());
		for (int part = 1; part <= size.parts(); part++) {
			ids.add(sms.reference() + "-" + part);
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("time", now.toString());
		line.put("reference", sms.reference());
		line.put("sender", sms.sender());
		line.put("recipient", sms.recipient());
		line.put("text", sms.text());
		line.put("encoding", size.encoding().name());
		line.put("segments", size.parts());
		line.put("receiptRequested", sms.receiptRequested());
		line.put("providerIds", ids);
		byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
		synchronized (this.lock) {
			ensureDirectory();
			try {
				Files.write(this.file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.APPEND);
			}
			catch (IOException e) {
				if (e instanceof NoSuchFileException) {
					this.directoryReady = false;
				}
				return CompletableFuture
					.completedFuture(new SubmitOutcome.Retry("cannot append to " + this.file + ": " + e, RETRY_AFTER));
			}
		}
		return CompletableFuture.completedFuture(new SubmitOutcome.Accepted(ids));
	}

	private void ensureDirectory() {
		Path directory = this.file.toAbsolutePath().getParent();
		if (!this.directoryReady && directory != null) {
			FileNames.createDirectories(directory, "SMS outbox directory");
		}
		this.directoryReady = true;
	}

	@Override
	public String toString() {
		return "FileSmsGateway[" + this.file.toAbsolutePath() + "]";
	}
}
