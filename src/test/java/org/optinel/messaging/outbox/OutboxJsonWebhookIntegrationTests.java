package org.optinel.messaging.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.messaging.http.TestProvider;
import org.optinel.messaging.http.WebhookSignature;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox sending through the generic JSON webhook provider, played over HTTP on loopback:
 * each message arrives signed with the shared secret and names the tenant's status URL, and a
 * signed status posted there settles it. Runs on SQLite and PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class OutboxJsonWebhookIntegrationTests {

	static final String SECRET = "json-webhook-secret-of-the-tests";

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static TestProvider provider;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) throws IOException {
		provider = TestProvider.start();
		registry.add("optinel.sms.provider", () -> "http");
		registry.add("optinel.sms.http.url", () -> provider.url("/sms").toString());
		registry.add("optinel.sms.http.secret", () -> SECRET);
		registry.add("optinel.outbox.sms.poll", () -> "200ms");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
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

	@BeforeEach
	void aTenantOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		// The provider's id for each message: its reference, turned around.
		provider.answerWith((exchange, request) -> TestProvider.respond(exchange, 202,
				"{\"id\":\"prov-" + JSON.readTree(request.body()).path("reference").asString() + "\"}"));
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
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
	void aSignedMessageReachesTheProviderAndASignedStatusMarksItDelivered() {
		String phone = "+33612000301";

		String id = send(phone, "Soldes -30%");

		awaitState(id, "SENT");
		List<TestProvider.Request> taken = requestsTo(phone);
		assertThat(taken).hasSize(1);
		TestProvider.Request request = taken.get(0);
		assertThat(request.path()).isEqualTo("/sms");
		assertThat(WebhookSignature.verify(SECRET, request.body(), request.header(WebhookSignature.HEADER))).isTrue();
		assertThat(request.header("Idempotency-Key")).isEqualTo(id);
		JsonNode message = JSON.readTree(request.body());
		assertThat(message.path("reference").asString()).isEqualTo(id);
		assertThat(message.path("from").asString()).isEqualTo("ACME");
		// FR-05: the opt-out mention is appended to the text.
		assertThat(message.path("text").asString()).startsWith("Soldes -30%").endsWith("STOP au " + shortCode);
		String statusUrl = message.path("statusUrl").asString();
		assertThat(statusUrl).isEqualTo("http://localhost:" + port + "/webhooks/sms/" + tenant.value() + "/status");
		Api.Response sent = api.get("/api/v1/messages/" + id);
		assertThat(sent.text("provider")).isEqualTo("http");
		assertThat(sent.json().path("providerIds").get(0).asString()).isEqualTo("prov-" + id);

		// A status signed with another secret is refused and changes nothing.
		assertThat(status(statusUrl, "{\"id\":\"prov-" + id + "\",\"state\":\"DELIVERED\"}",
				"another-secret-of-some-length").status()).isEqualTo(403);
		assertThat(stateOf(id)).isEqualTo("SENT");

		Api.Response delivered = status(statusUrl, "{\"id\":\"prov-" + id + "\",\"state\":\"DELIVERED\","
				+ "\"at\":\"" + clock.instant() + "\"}", SECRET);

		assertThat(delivered.status()).as(delivered.body()).isEqualTo(204);
		awaitState(id, "DELIVERED");
	}

	@Test
	void aSignedUndeliverableStatusMarksTheMessageUndelivered() {
		String phone = "+33612000302";
		String id = send(phone, "Soldes -30%");
		awaitState(id, "SENT");
		String statusUrl = JSON.readTree(requestsTo(phone).get(0).body()).path("statusUrl").asString();

		Api.Response undelivered = status(statusUrl, "{\"id\":\"prov-" + id + "\",\"state\":\"UNDELIVERABLE\","
				+ "\"errorCode\":30003}", SECRET);

		assertThat(undelivered.status()).as(undelivered.body()).isEqualTo(204);
		awaitState(id, "UNDELIVERED");
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
		return provider.requests()
			.stream()
			.filter(r -> phone.equals(JSON.readTree(r.body()).path("to").asString()))
			.toList();
	}

	/** A delivery status as the provider posts it to {@code url}, signed with {@code secret}. */
	private Api.Response status(String url, String json, String secret) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return api.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}
}
