package org.optinel.messaging.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLHandshakeException;

import org.optinel.messaging.SubmitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's HTTP client: at most {@code concurrency} requests in flight (the others wait in
 * order), and every failure sorted by whether the request can have reached the provider.
 * <p>
 * A failure to connect (refused, unresolvable host, connect timeout, TLS handshake) happens before
 * a byte of the request is written: the outcome is {@link SubmitOutcome.Retry}. Any failure after
 * that (no answer in time, a connection dropped or reset) may have come after the provider acted:
 * the outcome is {@link SubmitOutcome.Uncertain}. POST requests are never retried by the JDK
 * client, so one submission is at most one request.
 */
final class ProviderClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);

	/** Pause before a retry when a throttling provider does not say how long to wait. */
	static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);

	/** The longest Retry-After taken at its word. */
	private static final Duration MAX_RETRY_PAUSE = Duration.ofHours(1);

	private static final int MAX_REASON = 300;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	private final Duration timeout;

	private final Clock clock;

	private final HttpClient http;

	private final ExecutorService senders;

	private volatile boolean closed;

	ProviderClient(String name, int concurrency, Duration timeout, Clock clock) {
		this.name = name;
		this.timeout = timeout;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(concurrency, runnable -> {
			Thread thread = new Thread(runnable, name + "-submit-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * How long a request may take in all: {@code timeout} to connect, then {@code timeout} for
	 * the answer. The connect timeout always fires first, so a slow connect is never mistaken for
	 * a request that was sent.
	 */
	Duration requestTimeout() {
		return this.timeout.multipliedBy(2);
	}

	/**
	 * Sends the request when a slot is free and reads the provider's answer with {@code read}. The
	 * future always completes normally.
	 */
	CompletableFuture<SubmitOutcome> submit(HttpRequest request, Function<HttpResponse<byte[]>, SubmitOutcome> read) {
		Submission submission = new Submission(request, read);
		if (this.closed) {
			submission.closed();
			return submission.result;
		}
		try {
			this.senders.execute(submission);
		}
		catch (RejectedExecutionException e) {
			submission.closed();
		}
		return submission.result;
	}

	/**
	 * Stops taking submissions: those still waiting for a slot answer {@link SubmitOutcome.Retry};
	 * those in flight get their answer, or are abandoned as uncertain after the request timeout.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.senders.shutdown();
		try {
			if (!this.senders.awaitTermination(requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
				shutdownNow();
			}
		}
		catch (InterruptedException e) {
			shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private void shutdownNow() {
		for (Runnable waiting : this.senders.shutdownNow()) {
			if (waiting instanceof Submission submission) {
				submission.closed();
			}
		}
	}

	private SubmitOutcome exchange(HttpRequest request, Function<HttpResponse<byte[]>, SubmitOutcome> read) {
		if (this.closed) {
			return new SubmitOutcome.Retry(this.name + " gateway closed before the request was sent", Duration.ZERO);
		}
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpConnectTimeoutException e) {
			return new SubmitOutcome.Retry("no connection to " + endpoint(request) + " within " + this.timeout,
					DEFAULT_RETRY_PAUSE);
		}
		catch (HttpTimeoutException e) {
			return new SubmitOutcome.Uncertain("no answer from " + endpoint(request) + " within " + requestTimeout()
					+ " after the request was sent", List.of());
		}
		catch (ConnectException | SSLHandshakeException e) {
			return new SubmitOutcome.Retry("cannot connect to " + endpoint(request) + ": " + describe(e),
					DEFAULT_RETRY_PAUSE);
		}
		catch (IOException e) {
			if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
				return new SubmitOutcome.Retry("cannot resolve " + endpoint(request), DEFAULT_RETRY_PAUSE);
			}
			return new SubmitOutcome.Uncertain("connection to " + endpoint(request) + " lost after the request was "
					+ "sent: " + describe(e), List.of());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new SubmitOutcome.Uncertain("interrupted while waiting for " + endpoint(request), List.of());
		}
		catch (RuntimeException e) {
			log.error("Unexpected failure sending to {}", endpoint(request), e);
			return new SubmitOutcome.Uncertain("unexpected failure sending to " + endpoint(request) + ": "
					+ describe(e), List.of());
		}
		try {
			return read.apply(response);
		}
		catch (RuntimeException e) {
			log.error("Cannot read the answer of {} (HTTP {})", endpoint(request), response.statusCode(), e);
			return new SubmitOutcome.Uncertain("unreadable answer from " + endpoint(request) + " (HTTP "
					+ response.statusCode() + ")", List.of());
		}
	}

	/**
	 * The pause a throttling provider asks for in {@code Retry-After} (seconds or an HTTP date), at
	 * most an hour; {@link #DEFAULT_RETRY_PAUSE} when it gives none that can be read.
	 */
	Duration retryAfter(HttpResponse<?> response) {
		String value = response.headers().firstValue("Retry-After").map(String::strip).orElse("");
		Duration pause = null;
		if (value.matches("[0-9]{1,9}")) {
			pause = Duration.ofSeconds(Long.parseLong(value));
		}
		else if (!value.isEmpty()) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				pause = Duration.between(this.clock.instant(), at);
				pause = pause.isNegative() ? Duration.ZERO : pause;
			}
			catch (DateTimeParseException e) {
				pause = null;
			}
		}
		if (pause == null) {
			return DEFAULT_RETRY_PAUSE;
		}
		return pause.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause;
	}

	/** The body as a JSON object, or {@code null} when it is not one. */
	static JsonNode jsonObject(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException e) {
			return null;
		}
	}

	/** The start of a body as printable text, for a reason. */
	static String snippet(byte[] body) {
		if (body == null || body.length == 0) {
			return "(empty body)";
		}
		String text = new String(body, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]+", " ").strip();
		return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
	}

	private static String endpoint(HttpRequest request) {
		return request.uri().getScheme() + "://" + request.uri().getAuthority();
	}

	private static String describe(Throwable e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
		for (Throwable t = e; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	/** One request waiting for a slot, and the future its caller holds. */
	private final class Submission implements Runnable {

		final CompletableFuture<SubmitOutcome> result = new CompletableFuture<>();

		private final HttpRequest request;

		private final Function<HttpResponse<byte[]>, SubmitOutcome> read;

		Submission(HttpRequest request, Function<HttpResponse<byte[]>, SubmitOutcome> read) {
			this.request = request;
			this.read = read;
		}

		@Override
		public void run() {
			this.result.complete(exchange(this.request, this.read));
		}

		void closed() {
			this.result.complete(new SubmitOutcome.Retry(name + " gateway closed", Duration.ZERO));
		}
	}
}
