package org.optinel.messaging.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SubmitOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Twilio's Messages API, played by a local server: what is sent, and what each answer makes of the message. */
class TwilioSmsGatewayUnitTests {

	static final String SID = "AC0123456789abcdef0123456789abcdef";

	static final String TOKEN = "twilio-auth-token-123";

	static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

	TestProvider twilio;

	TwilioSmsGateway gateway;

	@BeforeEach
	void startTwilio() throws IOException {
		twilio = TestProvider.start();
	}

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.close();
		}
		twilio.close();
	}

	@Test
	void postsTheFormWithBasicAuthAndTakesTheSidAsTheProviderId() {
		gateway = gateway(settings(twilio.baseUrl(), 4, Duration.ofSeconds(5),
				URI.create("https://optinel.example.com/webhooks/twilio/status")));
		twilio.answer(201, "{\"sid\":\"SM0123\",\"status\":\"queued\"}");

		SubmitOutcome outcome = submit(new OutboundSms("msg-1", "Optinel", "+33612345678", "Héllo & bye 😀", true));

		assertThat(outcome).isEqualTo(new SubmitOutcome.Accepted(List.of("SM0123")));
		TestProvider.Request request = twilio.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(MESSAGES);
		assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).isEqualTo("Basic "
				+ Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.text()).isEqualTo("To=%2B33612345678&From=Optinel&Body=H%C3%A9llo+%26+bye+%F0%9F%98%80"
				+ "&StatusCallback=https%3A%2F%2Foptinel.example.com%2Fwebhooks%2Ftwilio%2Fstatus");
	}

	@Test
	void asksForNoStatusCallbackWhenNoneIsConfiguredOrNoReceiptIsWanted() {
		gateway = gateway(settings(twilio.baseUrl(), 4, Duration.ofSeconds(5),
				URI.create("https://optinel.example.com/status")));
		twilio.answer(200, "{\"sid\":\"SM1\"}");

		submit(new OutboundSms("msg-1", "36180", "+33612345678", "Hi", false));

		assertThat(twilio.requests().get(0).text()).isEqualTo("To=%2B33612345678&From=36180&Body=Hi");
	}

	@Test
	void tooManyRequestsIsARetryAfterWhatTwilioAsks() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}", "Retry-After", "7");

		SubmitOutcome outcome = submit(sms());

		assertThat(outcome).isInstanceOf(SubmitOutcome.Retry.class);
		assertThat(((SubmitOutcome.Retry) outcome).notBefore()).isEqualTo(Duration.ofSeconds(7));
		assertThat(((SubmitOutcome.Retry) outcome).reason()).contains("429").contains("Too Many Requests");
	}

	@Test
	void serviceUnavailableIsARetryAndReadsARetryAfterDate() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(503, "", "Retry-After", "Sat, 01 Mar 2025 10:00:30 GMT");

		SubmitOutcome outcome = submit(sms());

		assertThat(outcome).isEqualTo(new SubmitOutcome.Retry(((SubmitOutcome.Retry) outcome).reason(),
				Duration.ofSeconds(30)));
	}

	@Test
	void aThrottleWithoutRetryAfterWaitsASecond() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(429, "{}");

		assertThat(((SubmitOutcome.Retry) submit(sms())).notBefore()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void anInvalidOrUnreachableRecipientIsRejectedAsTheRecipientsFault() {
		gateway = gateway(settings(twilio.baseUrl()));
		for (int code : List.of(21211, 21614, 21610)) {
			twilio.answer(400, "{\"code\":" + code + ",\"message\":\"The 'To' number is not valid.\",\"status\":400}");

			SubmitOutcome outcome = submit(sms());

			assertThat(outcome).as("error %d", code).isInstanceOf(SubmitOutcome.Rejected.class);
			assertThat(((SubmitOutcome.Rejected) outcome).recipientRefused()).as("error %d", code).isTrue();
			assertThat(((SubmitOutcome.Rejected) outcome).reason()).contains(String.valueOf(code))
				.contains("is not valid");
		}
	}

	@Test
	void anotherClientErrorIsRejectedWithoutBlamingTheRecipient() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(400, "{\"code\":21212,\"message\":\"Invalid From Number\"}");
		SubmitOutcome badSender = submit(sms());
		twilio.answer(401, "{\"code\":20003,\"message\":\"Authenticate\"}");
		SubmitOutcome badCredentials = submit(sms());

		assertThat(badSender).isEqualTo(new SubmitOutcome.Rejected(
				"Twilio refused the message (HTTP 400): error 21212, Invalid From Number", false));
		assertThat(badCredentials).isInstanceOf(SubmitOutcome.Rejected.class);
		assertThat(((SubmitOutcome.Rejected) badCredentials).recipientRefused()).isFalse();
	}

	@Test
	void aServerErrorIsUncertain() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(500, "{\"message\":\"Internal Server Error\"}");

		SubmitOutcome outcome = submit(sms());

		assertThat(outcome).isEqualTo(new SubmitOutcome.Uncertain("Twilio answered 500: Internal Server Error",
				List.of()));
	}

	@Test
	void aSuccessWithoutASidIsUncertain() {
		gateway = gateway(settings(twilio.baseUrl()));
		twilio.answer(201, "not json");

		assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Uncertain.class);
	}

	@Test
	void noServerListeningIsARetryBecauseNothingWasSent() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		gateway = gateway(settings(URI.create("http://127.0.0.1:" + port)));

		SubmitOutcome outcome = submit(sms());

		assertThat(outcome).isInstanceOf(SubmitOutcome.Retry.class);
		assertThat(((SubmitOutcome.Retry) outcome).reason()).contains("cannot connect");
	}

	@Test
	void noAnswerAfterTheRequestWasSentIsUncertain() throws IOException {
		try (TestProvider.Silent silent = TestProvider.Silent.neverAnswering()) {
			gateway = gateway(settings(silent.url(""), 4, Duration.ofMillis(300), null));
			long start = System.nanoTime();

			SubmitOutcome outcome = submit(sms());

			assertThat(outcome).isInstanceOf(SubmitOutcome.Uncertain.class);
			assertThat(((SubmitOutcome.Uncertain) outcome).reason()).contains("no answer");
			assertThat(silent.requests()).isEqualTo(1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void aConnectionDroppedAfterTheRequestWasSentIsUncertainAndNotSentAgain() throws IOException {
		try (TestProvider.Silent silent = TestProvider.Silent.hangingUp()) {
			gateway = gateway(settings(silent.url(""), 4, Duration.ofSeconds(5), null));

			SubmitOutcome outcome = submit(sms());

			assertThat(outcome).isInstanceOf(SubmitOutcome.Uncertain.class);
			assertThat(silent.requests()).as("one request, never repeated").isEqualTo(1);
		}
	}

	@Test
	void neverHasMoreRequestsInFlightThanItsConcurrency() throws Exception {
		gateway = gateway(settings(twilio.baseUrl(), 2, Duration.ofSeconds(10), null));
		CountDownLatch release = new CountDownLatch(1);
		twilio.answerWith((exchange, request) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			TestProvider.respond(exchange, 201, "{\"sid\":\"SM-" + request.text().hashCode() + "\"}");
		});
		List<CompletableFuture<SubmitOutcome>> futures = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			futures.add(gateway.submit(new OutboundSms("msg-" + i, "Optinel", "+33612345678", "Hello " + i, false)));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (twilio.requests().size() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		Thread.sleep(300);

		assertThat(twilio.requests()).as("requests while two are held").hasSize(2);
		release.countDown();
		for (CompletableFuture<SubmitOutcome> future : futures) {
			assertThat(future.get(10, TimeUnit.SECONDS)).isInstanceOf(SubmitOutcome.Accepted.class);
		}
		assertThat(twilio.requests()).hasSize(6);
		assertThat(twilio.maxInFlight()).isEqualTo(2);
	}

	@Test
	void afterCloseASubmissionIsARetryAndNothingIsSent() {
		gateway = gateway(settings(twilio.baseUrl()));
		gateway.close();

		assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Retry.class);
		assertThat(twilio.requests()).isEmpty();
	}

	@Test
	void settingsNameTheBadPropertyAndNeverPrintTheToken() {
		assertThatThrownBy(() -> new TwilioSettings(null, " ", TOKEN, 4, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.twilio.account-sid must be set");
		assertThatThrownBy(() -> new TwilioSettings(null, SID, null, 4, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.twilio.auth-token must be set");
		assertThatThrownBy(() -> new TwilioSettings(null, SID, TOKEN, 0, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.twilio.concurrency");
		assertThatThrownBy(() -> new TwilioSettings(null, SID, TOKEN, 4, Duration.ZERO, null))
			.hasMessageContaining("optinel.sms.twilio.timeout");
		assertThatThrownBy(() -> new TwilioSettings(URI.create("/relative"), SID, TOKEN, 4, Duration.ofSeconds(1), null))
			.hasMessageContaining("optinel.sms.twilio.base-url");

		TwilioSettings settings = new TwilioSettings(null, SID, TOKEN, 4, Duration.ofSeconds(10), null);
		assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
		assertThat(settings.messagesUrl())
			.isEqualTo(URI.create("https://api.twilio.com/2010-04-01/Accounts/" + SID + "/Messages.json"));
		assertThat(settings.toString()).contains(SID).doesNotContain(TOKEN);
		assertThat(new TwilioSmsGateway(settings, CLOCK).toString()).doesNotContain(TOKEN);
	}

	private SubmitOutcome submit(OutboundSms sms) {
		try {
			return gateway.submit(sms).get(10, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new AssertionError("the submission did not complete normally", e);
		}
	}

	private static OutboundSms sms() {
		return new OutboundSms("msg-1", "Optinel", "+33612345678", "Hello", true);
	}

	private static TwilioSmsGateway gateway(TwilioSettings settings) {
		return new TwilioSmsGateway(settings, CLOCK);
	}

	private static TwilioSettings settings(URI baseUrl) {
		return settings(baseUrl, 4, Duration.ofSeconds(5), null);
	}

	private static TwilioSettings settings(URI baseUrl, int concurrency, Duration timeout, URI statusCallback) {
		return new TwilioSettings(baseUrl, SID, TOKEN, concurrency, timeout, statusCallback);
	}
}
