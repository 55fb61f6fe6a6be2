package org.optinel.messaging.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.messaging.OutboundSms;
import org.optinel.messaging.SubmitOutcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed JSON webhook gateway against a local provider: the body, its signature, and each answer's outcome. */
class JsonWebhookSmsGatewayUnitTests {

	static final String SECRET = "a-secret-shared-with-the-provider";

	static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

	static final JsonMapper JSON = JsonMapper.builder().build();

	TestProvider provider;

	JsonWebhookSmsGateway gateway;

	@BeforeEach
	void startProvider() throws IOException {
		provider = TestProvider.start();
	}

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.close();
		}
		provider.close();
	}

	@Test
	void postsSignedJsonWithTheReferenceAsIdempotencyKey() throws Exception {
		gateway = gateway(settings(provider.url("/sms/send"), 4, Duration.ofSeconds(5),
				URI.create("https://optinel.example.com/webhooks/sms/status")));
		provider.answer(202, "{\"id\":\"p-1\"}");

		SubmitOutcome outcome = submit(new OutboundSms("msg-42", "Optinel", "+33612345678", "Héllo \"you\" 😀", true));

		assertThat(outcome).isEqualTo(new SubmitOutcome.Accepted(List.of("p-1")));
		TestProvider.Request request = provider.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/sms/send");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Idempotency-Key")).isEqualTo("msg-42");
		// the provider checks the signature on the raw bytes, with its own HMAC
		assertThat(request.header("X-Optinel-Signature")).isEqualTo("sha256=" + hmacSha256Hex(SECRET, request.body()));
		JsonNode body = JSON.readTree(request.body());
		assertThat(body.path("reference").asString()).isEqualTo("msg-42");
		assertThat(body.path("from").asString()).isEqualTo("Optinel");
		assertThat(body.path("to").asString()).isEqualTo("+33612345678");
		assertThat(body.path("text").asString()).isEqualTo("Héllo \"you\" 😀");
		assertThat(body.path("statusUrl").asString()).isEqualTo("https://optinel.example.com/webhooks/sms/status");
		assertThat(body.propertyNames()).containsExactly("reference", "from", "to", "text", "statusUrl");
	}

	@Test
	void theSignatureDoesNotVerifyUnderAnotherSecretOrForAnotherBody() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(200, "{\"id\":\"p-1\"}");

		submit(sms());

		TestProvider.Request request = provider.requests().get(0);
		String signature = request.header("X-Optinel-Signature");
		assertThat(WebhookSignature.verify(SECRET, request.body(), signature)).isTrue();
		assertThat(WebhookSignature.verify(SECRET, request.body(), signature.toUpperCase().replace("SHA256=", "sha256=")))
			.isTrue();
		assertThat(WebhookSignature.verify("another-secret-of-some-length", request.body(), signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, (request.text() + " ").getBytes(StandardCharsets.UTF_8), signature))
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, request.body(), null)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, request.body(), "sha256=")).isFalse();
	}

	@Test
	void noStatusUrlWhenNoReceiptIsWantedOrNoneIsConfigured() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(200, "{\"id\":\"p-1\"}");

		submit(sms());

		assertThat(JSON.readTree(provider.requests().get(0).body()).get("statusUrl").isNull()).isTrue();
	}

	@Test
	void takesEveryIdOfAMessageSentInParts() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(200, "{\"ids\":[\"p-1\",\"p-2\"]}");

		assertThat(submit(sms())).isEqualTo(new SubmitOutcome.Accepted(List.of("p-1", "p-2")));
	}

	@Test
	void aSuccessWithoutAnIdIsUncertain() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(200, "{\"ok\":true}");

		assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Uncertain.class);
	}

	@Test
	void throttlingIsARetryAfterWhatTheProviderAsks() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(429, "{\"error\":\"slow down\"}", "Retry-After", "3");

		SubmitOutcome outcome = submit(sms());

		assertThat(outcome).isEqualTo(new SubmitOutcome.Retry("the provider answered 429: slow down",
				Duration.ofSeconds(3)));
		provider.answer(503, "");
		assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Retry.class);
	}

	@Test
	void aClientErrorIsRejectedAndBlamesTheRecipientOnlyWhenTheProviderSaysSo() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(422, "{\"error\":\"unknown number\",\"recipientRefused\":true}");
		SubmitOutcome recipient = submit(sms());
		provider.answer(400, "{\"error\":\"sender not allowed\"}");
		SubmitOutcome other = submit(sms());

		assertThat(recipient).isEqualTo(new SubmitOutcome.Rejected(
				"the provider refused the message (HTTP 422): unknown number", true));
		assertThat(other).isEqualTo(new SubmitOutcome.Rejected(
				"the provider refused the message (HTTP 400): sender not allowed", false));
	}

	@Test
	void aServerErrorIsUncertain() {
		gateway = gateway(settings(provider.url("/sms")));
		provider.answer(502, "<html>Bad Gateway</html>");

		assertThat(submit(sms())).isEqualTo(new SubmitOutcome.Uncertain(
				"the provider answered 502: <html>Bad Gateway</html>", List.of()));
	}

	@Test
	void noServerListeningIsARetry() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		gateway = gateway(settings(URI.create("http://127.0.0.1:" + port + "/sms")));

		assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Retry.class);
	}

	@Test
	void noAnswerOrADroppedConnectionAfterSendingIsUncertain() throws IOException {
		try (TestProvider.Silent silent = TestProvider.Silent.neverAnswering()) {
			gateway = gateway(settings(silent.url("/sms"), 4, Duration.ofMillis(300), null));
			assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Uncertain.class);
			gateway.close();
		}
		try (TestProvider.Silent silent = TestProvider.Silent.hangingUp()) {
			gateway = gateway(settings(silent.url("/sms"), 4, Duration.ofSeconds(5), null));
			assertThat(submit(sms())).isInstanceOf(SubmitOutcome.Uncertain.class);
			assertThat(silent.requests()).isEqualTo(1);
		}
	}

	@Test
	void neverHasMoreRequestsInFlightThanItsConcurrency() throws Exception {
		gateway = gateway(settings(provider.url("/sms"), 3, Duration.ofSeconds(10), null));
		CountDownLatch release = new CountDownLatch(1);
		provider.answerWith((exchange, request) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			TestProvider.respond(exchange, 200, "{\"id\":\"" + request.header("Idempotency-Key") + "\"}");
		});
		List<CompletableFuture<SubmitOutcome>> futures = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			futures.add(gateway.submit(new OutboundSms("msg-" + i, "Optinel", "+33612345678", "Hello", false)));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (provider.requests().size() < 3 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		Thread.sleep(300);

		assertThat(provider.requests()).as("requests while three are held").hasSize(3);
		release.countDown();
		for (int i = 0; i < futures.size(); i++) {
			assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(new SubmitOutcome.Accepted(List.of("msg-" + i)));
		}
		assertThat(provider.maxInFlight()).isEqualTo(3);
	}

	@Test
	void settingsNameTheBadPropertyAndNeverPrintTheSecret() {
		URI url = URI.create("https://sms.example.com/send");
		assertThatThrownBy(() -> new JsonWebhookSettings(null, SECRET, 4, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.http.url must be set");
		assertThatThrownBy(() -> new JsonWebhookSettings(url, " ", 4, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.http.secret must be set");
		assertThatThrownBy(() -> new JsonWebhookSettings(url, "short", 4, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.http.secret must be at least 16 bytes");
		assertThatThrownBy(() -> new JsonWebhookSettings(url, SECRET, 300, Duration.ofSeconds(10), null))
			.hasMessageContaining("optinel.sms.http.concurrency");
		assertThatThrownBy(() -> new JsonWebhookSettings(url, SECRET, 4, Duration.ofSeconds(-1), null))
			.hasMessageContaining("optinel.sms.http.timeout");
		assertThatThrownBy(() -> new JsonWebhookSettings(URI.create("ftp://x.example/"), SECRET, 4, Duration.ofSeconds(1),
				null))
			.hasMessageContaining("optinel.sms.http.url");

		JsonWebhookSettings settings = new JsonWebhookSettings(URI.create("https://user:pw@sms.example.com/send"), SECRET,
				4, Duration.ofSeconds(10), null);
		assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain("pw").contains("sms.example.com/send");
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
		return new OutboundSms("msg-1", "Optinel", "+33612345678", "Hello", false);
	}

	private static JsonWebhookSmsGateway gateway(JsonWebhookSettings settings) {
		return new JsonWebhookSmsGateway(settings, CLOCK);
	}

	private static JsonWebhookSettings settings(URI url) {
		return settings(url, 4, Duration.ofSeconds(5), null);
	}

	private static JsonWebhookSettings settings(URI url, int concurrency, Duration timeout, URI statusUrl) {
		return new JsonWebhookSettings(url, SECRET, concurrency, timeout, statusUrl);
	}

	private static String hmacSha256Hex(String secret, byte[] body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}
}
