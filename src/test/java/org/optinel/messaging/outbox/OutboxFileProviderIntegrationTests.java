package org.optinel.messaging.outbox;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.OnSqlite;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox with no provider configured, as after a plain {@code ./mvnw spring-boot:run}: messages
 * queued through the API end SENT, each SMS as a JSON line and each email as an {@code .eml} file
 * under the data directory, and the unsubscribe link of a marketing email works.
 */
@OnSqlite
@Import(TestClock.Configuration.class)
class OutboxFileProviderIntegrationTests {

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${optinel.data-dir}")
	Path dataDir;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	Api api;

	String shortCode;

	@BeforeEach
	void aTenantOnATuesdayMorning() {
		clock.reset();
		clock.moveToATuesdayMorning();
		api = new Api(port, tenants.create().apiKey());
		assertThat(api.post("/api/v1/purposes",
				"{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\",\"similarProducts\":false}")
			.status()).isEqualTo(201);
		shortCode = String.valueOf(40000 + new Random().nextInt(50000));
		Api.Response profile = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au " + shortCode + "\",\"optOutMode\":\"APPEND\","
					+ "\"inboundNumbers\":[\"" + shortCode + "\"],\"emailFromAddress\":\"news@acme.example\","
					+ "\"emailFromName\":\"Acme Shop\"}")));
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	void anSmsEndsSentAsAJsonLineUnderTheDataDirectory() throws Exception {
		String contact = consentingContact("SMS", "{\"phone\":\"+33612000401\"}");

		String id = send("{\"channel\":\"SMS\",\"contactId\":\"" + contact
				+ "\",\"purpose\":\"promotions\",\"text\":\"Soldes -30%\"}");

		awaitState(id, "SENT");
		Path file = dataDir.resolve("outbox").resolve("sms.jsonl");
		List<JsonNode> lines = Files.readAllLines(file)
			.stream()
			.map(JSON::readTree)
			.filter(line -> id.equals(line.path("reference").asString()))
			.toList();
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.path("recipient").asString()).isEqualTo("+33612000401");
		assertThat(line.path("sender").asString()).isEqualTo("ACME");
		// FR-05: the opt-out mention is appended to the text.
		assertThat(line.path("text").asString()).startsWith("Soldes -30%").endsWith("STOP au " + shortCode);
		assertThat(line.path("segments").asInt()).isEqualTo(1);
		Api.Response sent = api.get("/api/v1/messages/" + id);
		assertThat(sent.text("provider")).isEqualTo("file");
		assertThat(sent.json().path("providerIds").get(0).asString()).isEqualTo(id + "-1");
	}

	@Test
	void aMarketingEmailEndsSentAsAnEmlFileWhoseOneClickLinkUnsubscribes() throws Exception {
		String contact = consentingContact("EMAIL", "{\"email\":\"claire.martin@example.org\"}");

		String id = send("{\"channel\":\"EMAIL\",\"contactId\":\"" + contact + "\",\"purpose\":\"promotions\","
				+ "\"subject\":\"Soldes d'hiver\",\"text\":\"Bonjour Claire, -30% ce week-end.\"}");

		awaitState(id, "SENT");
		String name = api.get("/api/v1/messages/" + id).json().path("providerIds").get(0).asString();
		Path eml = dataDir.resolve("outbox").resolve("email").resolve(name);
		assertThat(eml).exists();
		MimeMessage message;
		try (InputStream in = Files.newInputStream(eml)) {
			message = new MimeMessage(Session.getInstance(new Properties()), in);
		}
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("news@acme.example");
		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Acme Shop");
		assertThat(message.getRecipients(MimeMessage.RecipientType.TO)[0].toString())
			.isEqualTo("claire.martin@example.org");
		assertThat(message.getSubject()).isEqualTo("Soldes d'hiver");
		// EM-01: both one-click headers, and the link also visible in the text.
		String[] unsubscribe = message.getHeader("List-Unsubscribe");
		assertThat(unsubscribe).hasSize(1);
		assertThat(unsubscribe[0]).startsWith("<http://localhost:" + port + "/unsubscribe/").endsWith(">");
		assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		String link = unsubscribe[0].substring(1, unsubscribe[0].length() - 1);
		assertThat(message.getContent()).asString().startsWith("Bonjour Claire, -30% ce week-end.").contains(link);

		// EM-02: the mail client's one-click POST to that link unsubscribes; the next email is refused.
		HttpResponse<String> oneClick = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(link))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(200);
		Api.Response refused = api.post("/api/v1/messages", "{\"channel\":\"EMAIL\",\"contactId\":\"" + contact
				+ "\",\"purpose\":\"promotions\",\"subject\":\"Encore\",\"text\":\"Encore des soldes.\"}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.text("type")).endsWith("not-eligible");
		assertThat(refused.text("reason")).isEqualTo("SUPPRESSED");
	}

	// requests and checks

	/** A contact with {@code fields} who consented to promotions on {@code channel}; its id. */
	private String consentingContact(String channel, String fields) {
		String notice = api.post("/api/v1/notices",
				"{\"purpose\":\"promotions\",\"language\":\"fr\",\"text\":\"Recevoir nos promotions\"}")
			.text("id");
		Api.Response c = api.post("/api/v1/contacts", fields);
		assertThat(c.status()).as(c.body()).isEqualTo(201);
		String contact = c.text("id");
		Api.Response g = api.post("/api/v1/consents", "{\"contactId\":\"" + contact + "\",\"channel\":\"" + channel
				+ "\",\"purpose\":\"promotions\",\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + notice
				+ "\",\"evidence\":" + EVIDENCE + "}");
		assertThat(g.status()).as(g.body()).isEqualTo(201);
		return contact;
	}

	private String send(String json) {
		Api.Response queued = api.post("/api/v1/messages", json);
		assertThat(queued.status()).as(queued.body()).isEqualTo(201);
		return queued.text("id");
	}

	private void awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(api.get("/api/v1/messages/" + id).text("state")).isEqualTo(state));
	}
}
