package org.optinel.messaging.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.messaging.http.TestProvider;
import org.optinel.messaging.inbound.TwilioSignature;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox sending through the Twilio provider, with Twilio played over HTTP on loopback: a
 * message queued through the API reaches Twilio with the tenant's status callback, Twilio's signed
 * callbacks settle it, and each of Twilio's answers decides whether it may be sent again. The
 * public base URL is left unset, as on a fresh install. Runs on SQLite and PostgreSQL through its
 * subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxTwilioIntegrationTests {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "twilio-auth-token-of-the-tests";

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	private static final AtomicLong SIDS = new AtomicLong();

	static TestProvider twilio;

	@DynamicPropertySource
	static void twilio(DynamicPropertyRegistry registry) throws IOException {
		twilio = TestProvider.start();
		registry.add("optinel.sms.provider", () -> "twilio");
		registry.add("optinel.sms.twilio.base-url", () -> twilio.baseUrl().toString());
		registry.add("optinel.sms.twilio.account-sid", () -> ACCOUNT_SID);
		registry.add("optinel.sms.twilio.auth-token", () -> AUTH_TOKEN);
		registry.add("optinel.outbox.sms.poll", () -> "200ms");
		registry.add("optinel.outbox.sms.backoff", () -> "1s");
	}

	@AfterAll
	static void stopTwilio() {
		twilio.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	Api api;

	TenantId tenant;

	String notice;

	String shortCode;

	/** What Twilio answers for a number, as (status, JSON body, headers...); a new SID for the others. */
	final Map<String, Scripted> answers = new ConcurrentHashMap<>();

	/** The SID Twilio last gave a message to each number. */
	final Map<String, String> sids = new ConcurrentHashMap<>();

	record Scripted(int status, String json, String... headers) {
	}

	@BeforeEach
	void aTenantWithATwilioAccountOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		twilio.answerWith((exchange, request) -> {
			String to = form(request).getOrDefault("To", "");
			Scripted scripted = answers.get(to);
			if (scripted == null) {
				String sid = String.format("SM%032x", SIDS.incrementAndGet());
				sids.put(to, sid);
				TestProvider.respond(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
				return;
			}
			for (int i = 0; i + 1 < scripted.headers().length; i += 2) {
				exchange.getResponseHeaders().add(scripted.headers()[i], scripted.headers()[i + 1]);
			}
			TestProvider.respond(exchange, scripted.status(), scripted.json());
		});
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		Api.Response token = api.send(api.builder("/api/v1/inbound/sms/twilio")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"authToken\":\"" + AUTH_TOKEN + "\"}")));
		assertThat(token.status()).as(token.body()).isEqualTo(204);
		assertThat(api.post("/api/v1/purposes",
				"{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\",\"similarProducts\":false}")
			.status()).isEqualTo(201);
		notice = api.post("/api/v1/notices",
				"{\"purpose\":\"promotions\",\"language\":\"fr\",\"text\":\"Recevoir nos promotions par SMS\"}")
			.text("id");
		shortCode = String.valueOf(40000 + new Random().nextInt(50000));
		Api.Response profile = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au " + shortCode + "\",\"optOutMode\":\"APPEND\","
					+ "\"inboundNumbers\":[\"" + shortCode + "\"]}")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	void aMarketingSmsReachesTwilioWithTheTenantsStatusCallbackAndIsSentUnderItsSid() {
		String phone = "+33612000201";

		String id = send(phone, "Soldes -30%");

		awaitState(id, "SENT");
		List<TestProvider.Request> taken = requestsTo(phone);
		assertThat(taken).hasSize(1);
		TestProvider.Request request = taken.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
		assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
		Map<String, String> form = form(request);
		assertThat(form).containsEntry("To", phone).containsEntry("From", "ACME");
		// FR-05: the opt-out mention is appended to the text.
		assertThat(form.get("Body")).startsWith("Soldes -30%").endsWith("STOP au " + shortCode);
		assertThat(form.get("StatusCallback"))
			.isEqualTo("http://localhost:" + port + "/webhooks/twilio/" + tenant.value() + "/status");
		Api.Response sent = api.get("/api/v1/messages/" + id);
		assertThat(sent.text("provider")).isEqualTo("twilio");
		assertThat(sent.json().path("attempts").asInt()).isEqualTo(1);
		assertThat(sent.json().path("providerIds").get(0).asString()).isEqualTo(sids.get(phone));
	}

	@Test
	void aSignedDeliveredCallbackMarksTheMessageDelivered() {
		String phone = "+33612000202";
		String id = send(phone, "Soldes -30%");
		awaitState(id, "SENT");
		String callback = form(requestsTo(phone).get(0)).get("StatusCallback");
		String sid = sids.get(phone);

		// A status on the way changes nothing; a callback signed with another token is refused.
		assertThat(callback(callback, sid, "sent", null, AUTH_TOKEN).status()).isEqualTo(204);
		assertThat(callback(callback, sid, "delivered", null, "another-auth-token").status()).isEqualTo(403);
		assertThat(stateOf(id)).isEqualTo("SENT");

		Api.Response delivered = callback(callback, sid, "delivered", null, AUTH_TOKEN);

		assertThat(delivered.status()).as(delivered.body()).isEqualTo(204);
		awaitState(id, "DELIVERED");
	}

	@Test
	void aSignedUndeliveredCallbackMarksTheMessageUndelivered() {
		String phone = "+33612000203";
		String id = send(phone, "Soldes -30%");
		awaitState(id, "SENT");
		String callback = form(requestsTo(phone).get(0)).get("StatusCallback");

		Api.Response undelivered = callback(callback, sids.get(phone), "undelivered", "30003", AUTH_TOKEN);

		assertThat(undelivered.status()).as(undelivered.body()).isEqualTo(204);
		awaitState(id, "UNDELIVERED");
		assertThat(api.get("/api/v1/messages/" + id).text("reason")).contains(sids.get(phone), "UNDELIVERABLE");
	}

	@Test
	void aThrottledMessageWaitsInTheQueueAndLeavesAtItsNextAttempt() {
		String phone = "+33612000204";
		answers.put(phone, new Scripted(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}",
				"Retry-After", "120"));

		String id = send(phone, "Soldes -30%");

		await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/messages/" + id).text("reason") != null);
		Api.Response waiting = api.get("/api/v1/messages/" + id);
		assertThat(waiting.text("state")).isEqualTo("QUEUED");
		assertThat(waiting.json().path("attempts").asInt()).isEqualTo(1);
		assertThat(waiting.text("reason")).contains("429");
		// Twilio's Retry-After, longer than the configured backoff, sets the next attempt.
		assertThat(Instant.parse(waiting.text("nextAttemptAt"))).isAfter(clock.instant().plusSeconds(100));
		assertThat(requestsTo(phone)).hasSize(1);

		answers.remove(phone);
		clock.advance(Duration.ofSeconds(121));

		awaitState(id, "SENT");
		assertThat(api.get("/api/v1/messages/" + id).json().path("attempts").asInt()).isEqualTo(2);
		assertThat(requestsTo(phone)).hasSize(2);
	}

	@Test
	void aNumberTwilioCallsInvalidFailsForGood() {
		String phone = "+33612000205";
		answers.put(phone, new Scripted(400, "{\"code\":21211,\"message\":\"The 'To' number " + phone
				+ " is not a valid phone number.\",\"status\":400}"));

		String id = send(phone, "Soldes -30%");

		awaitState(id, "FAILED");
		assertThat(api.get("/api/v1/messages/" + id).text("reason")).contains("21211");
		clock.advance(Duration.ofMinutes(10));
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
			.until(() -> requestsTo(phone).size() == 1);
		assertThat(stateOf(id)).isEqualTo("FAILED");
	}

	@Test
	void aServerErrorLeavesTheMessageUncertainAndItIsNeverPostedAgain() {
		String phone = "+33612000206";
		answers.put(phone, new Scripted(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"));

		String id = send(phone, "Soldes -30%");

		awaitState(id, "UNCERTAIN");
		assertThat(api.get("/api/v1/messages/" + id).text("reason")).contains("500");
		// Past any backoff: Twilio may have queued the message before failing, so it is not sent again.
		clock.advance(Duration.ofMinutes(10));
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
			.until(() -> requestsTo(phone).size() == 1);
		assertThat(stateOf(id)).isEqualTo("UNCERTAIN");
	}

	// requests and checks

	/** A consenting contact at {@code phone}, and a marketing SMS to it queued through the API; its id. */
	private String send(String phone, String text) {
		Api.Response c = api.post("/api/v1/contacts", "{\"phone\":\"" + phone + "\"}");
		assertThat(c.status()).as(c.body()).isEqualTo(201);
		String contact = c.text("id");
		Api.Response g = api.post("/api/v1/consents", "{\"contactId\":\"" + contact + "\",\"channel\":\"SMS\","
				+ "\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + notice
				+ "\",\"evidence\":" + EVIDENCE + "}");
		assertThat(g.status()).as(g.body()).isEqualTo(201);
		Api.Response queued = api.post("/api/v1/messages", "{\"channel\":\"SMS\",\"contactId\":\"" + contact
				+ "\",\"purpose\":\"promotions\",\"text\":\"" + text + "\"}");
		assertThat(queued.status()).as(queued.body()).isEqualTo(201);
		return queued.text("id");
	}

	private String stateOf(String id) {
		return api.get("/api/v1/messages/" + id).text("state");
	}

	private void awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stateOf(id)).isEqualTo(state));
	}

	private static List<TestProvider.Request> requestsTo(String phone) {
		return twilio.requests().stream().filter(r -> phone.equals(form(r).get("To"))).toList();
	}

	/** A status callback as Twilio posts it to {@code url}, signed with {@code token}. */
	private Api.Response callback(String url, String sid, String status, String errorCode, String token) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put("MessageSid", List.of(sid));
		form.put("SmsSid", List.of(sid));
		form.put("AccountSid", List.of(ACCOUNT_SID));
		form.put("From", List.of("ACME"));
		form.put("MessageStatus", List.of(status));
		form.put("SmsStatus", List.of(status));
		form.put("ApiVersion", List.of("2010-04-01"));
		if (errorCode != null) {
			form.put("ErrorCode", List.of(errorCode));
		}
		StringBuilder body = new StringBuilder();
		form.forEach((name, values) -> values.forEach(v -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
		return api.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Twilio-Signature", TwilioSignature.of(token, url, form))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/** The form fields of a request to the Messages API. */
	private static Map<String, String> form(TestProvider.Request request) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : request.text().split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}
}
