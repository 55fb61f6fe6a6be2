package org.optinel.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Re-permission campaigns through the API, with the default file provider: the definition checked,
 * the audience classed by FR-12 and screened against the suppression list (SEED-02), the launch
 * queueing one message per recipient, pause and resume. Runs on SQLite and PostgreSQL.
 */
@Import(TestClock.Configuration.class)
abstract class CampaignIntegrationTests {

	static final String EVIDENCE = "{\"formId\":\"signup\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String notice;

	@BeforeEach
	void aTenantWithANewsletter() {
		clock.reset();
		api = new Api(port, tenants.create().apiKey());
		assertThat(api.post("/api/v1/purposes",
				"{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\",\"similarProducts\":false}")
			.status()).isEqualTo(201);
		assertThat(api.post("/api/v1/purposes",
				"{\"key\":\"orders\",\"name\":\"Commandes\",\"kind\":\"TRANSACTIONAL\",\"similarProducts\":false}")
			.status()).isEqualTo(201);
		notice = api.post("/api/v1/notices", "{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Nos offres par SMS\"}")
			.text("id");
		Api.Response r = api.send(api.builder("/api/v1/messaging/sender")
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"brand\":\"Acme\",\"smsSenderId\":\"ACME\","
					+ "\"smsOptOutMention\":\"STOP au 36111\",\"optOutMode\":\"APPEND\",\"inboundNumbers\":[\"36111\"],"
					+ "\"emailFromAddress\":\"news@acme.example\",\"emailFromName\":\"Acme\"}")));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	@AfterEach
	void realTime() {
		clock.reset();
	}

	String contact(String phone) {
		Api.Response c = api.post("/api/v1/contacts", "{\"phone\":\"" + phone + "\",\"firstName\":\"Camille\"}");
		assertThat(c.status()).as(c.body()).isEqualTo(201);
		return c.text("id");
	}

	void answer(String contactId, String action) {
		Api.Response r = api.post("/api/v1/consents", "{\"contactId\":\"" + contactId + "\",\"channel\":\"SMS\","
				+ "\"purpose\":\"newsletter\",\"action\":\"" + action + "\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + notice
				+ "\",\"evidence\":" + EVIDENCE + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	void unproven(String contactId) {
		Api.Response r = api.post("/api/v1/consents", "{\"contactId\":\"" + contactId + "\",\"channel\":\"SMS\","
				+ "\"purpose\":\"newsletter\",\"action\":\"GRANT\",\"source\":\"IMPORT\",\"evidence\":{\"importId\":\"old-crm\"}}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	String campaign(Instant deadline) {
		Api.Response r = api.post("/api/v1/campaigns", "{\"name\":\"Reconfirmation 2026\",\"purposes\":[\"newsletter\"],"
				+ "\"plan\":\"SMS\",\"questions\":{\"fr\":\"Voulez-vous continuer à recevoir nos offres par SMS ?\"},"
				+ "\"sms\":{\"fr\":\"Bonjour {firstName}, Acme : voulez-vous encore nos offres ? Répondez {yes}\"},"
				+ "\"deadline\":\"" + deadline + "\",\"remindersDaysBefore\":[7,1]}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.text("state")).isEqualTo("DRAFT");
		return r.text("id");
	}

	/** The next Tuesday 09:00 UTC from the test clock: inside the French windows (FR-07). */
	void moveToATuesdayMorning() {
		clock.moveToATuesdayMorning();
	}

	@Test
	@DisplayName("FR-12, SEED-02, EDPB-01, EDPB-02: the preview classes every contact and says why the others may not be asked")
	void thePreviewClassesTheBase() {
		String staleConsent = contact("+33612100001");
		answer(staleConsent, "GRANT");
		String unprovenConsent = contact("+33612100002");
		unproven(unprovenConsent);
		String endOfRetention = contact("+33612100003");
		clock.advance(Duration.ofDays(37 * 31));
		moveToATuesdayMorning();
		contact("+33612100004"); // fresh, no basis: too early to ask
		String suppressed = contact("+33612100005");
		assertThat(api.post("/api/v1/suppressions", "{\"phone\":\"+33612100005\",\"reason\":\"ADMIN\","
				+ "\"evidence\":{\"note\":\"asked by phone\"}}").status()).isEqualTo(201);
		String withdrawn = contact("+33612100006");
		answer(withdrawn, "GRANT");
		answer(withdrawn, "WITHDRAW");
		String current = contact("+33612100007");
		answer(current, "GRANT");

		String id = campaign(clock.instant().plus(Duration.ofDays(30)));
		Api.Response preview = api.post("/api/v1/campaigns/" + id + "/preview", "");

		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		JsonNode p = preview.json();
		assertThat(p.path("classes").path("MAY_ASK_HAS_BASIS").asLong()).isEqualTo(2); // stale and unproven
		assertThat(p.path("classes").path("MAY_ASK_ONCE_END_OF_RETENTION").asLong()).isEqualTo(1);
		assertThat(p.path("classes").path("MAY_NOT_ASK").asLong()).isEqualTo(4);
		assertThat(p.path("reasons").path("SUPPRESSED").asLong()).isEqualTo(1);
		assertThat(p.path("reasons").path("WITHDRAWN").asLong()).isEqualTo(1);
		assertThat(p.path("reasons").path("ALREADY_CONSENTED").asLong()).isEqualTo(1);
		assertThat(p.path("reasons").path("NO_BASIS_BEFORE_END_OF_RETENTION").asLong()).isEqualTo(1);
		assertThat(p.path("channels").path("SMS").asLong()).isEqualTo(3);
		assertThat(p.path("smsSegments").asInt()).isEqualTo(1);
		assertThat(p.path("reminders")).hasSize(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?").param(id).query(Long.class)
			.single()).as("a preview writes nothing").isZero();

		Api.Response launched = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		assertThat(launched.text("state")).isEqualTo("RUNNING");
		assertThat(launched.json().path("recipients").path("MAY_ASK_HAS_BASIS/MESSAGED").asLong()).isEqualTo(2);
		assertThat(launched.json().path("recipients").path("MAY_ASK_ONCE_END_OF_RETENTION/MESSAGED").asLong()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.get("/api/v1/campaigns/" + id).json().path("messages").path("SENT").asLong() == 3);
		String sms = jdbc.sql("SELECT body_text FROM outbox_message WHERE origin = 'CAMPAIGN' AND origin_id = ? "
				+ "AND contact_id = ?").params(id, staleConsent).query(String.class).single();
		assertThat(sms).startsWith("Bonjour Camille, Acme").contains("Répondez OUI").endsWith("STOP au 36111");

		// FR-12: once without a basis, never twice.
		String second = campaign(clock.instant().plus(Duration.ofDays(30)));
		JsonNode again = api.post("/api/v1/campaigns/" + second + "/preview", "").json();
		assertThat(again.path("classes").path("MAY_ASK_ONCE_END_OF_RETENTION").asLong()).isZero();
		assertThat(again.path("reasons").path("ALREADY_ASKED_ONCE").asLong()).isEqualTo(1);
		assertThat(endOfRetention).isNotBlank();
	}

	@Test
	@DisplayName("A launched campaign cannot be launched again as a DRAFT twice, and pause holds its queued messages")
	void pauseHoldsAndResumeReleases() {
		String c = contact("+33612100011");
		unproven(c);
		moveToATuesdayMorning();
		clock.advance(Duration.ofHours(12)); // 21:00 UTC: after the window, messages wait in the queue
		String id = campaign(clock.instant().plus(Duration.ofDays(30)));
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT reason FROM outbox_message WHERE origin_id = ?").param(id).query(String.class)
				.optional().orElse(null) != null);

		Api.Response paused = api.post("/api/v1/campaigns/" + id + "/pause", "");
		assertThat(paused.status()).as(paused.body()).isEqualTo(200);
		assertThat(paused.json().path("messages").path("HELD").asLong()).isEqualTo(1);
		assertThat(api.post("/api/v1/campaigns/" + id + "/pause", "").status()).isEqualTo(409);

		Api.Response resumed = api.post("/api/v1/campaigns/" + id + "/resume", "");
		assertThat(resumed.json().path("messages").path("QUEUED").asLong()).isEqualTo(1);
		assertThat(resumed.text("state")).isEqualTo("RUNNING");
	}

	@Test
	@DisplayName("Reminders go once, at their day before the deadline, only to those who have not answered")
	void remindersGoOnceToThoseWhoHaveNotAnswered(@Autowired CampaignManagement campaigns) {
		String a = contact("+33612100021");
		unproven(a);
		String b = contact("+33612100022");
		unproven(b);
		moveToATuesdayMorning();
		Instant deadline = clock.instant().plus(Duration.ofDays(14));
		String id = campaign(deadline);
		Api.Response launched = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		org.optinel.core.TenantId tenant = new org.optinel.core.TenantId(jdbc
			.sql("SELECT tenant_id FROM campaign WHERE campaign_id = ?").param(id).query(String.class).single());
		jdbc.sql("UPDATE campaign_recipient SET state = 'CONFIRMED' WHERE campaign_id = ? AND contact_id = ?")
			.params(id, b)
			.update();

		campaigns.advance(tenant);
		assertThat(messagesOf(id)).as("no reminder is due a week before D-7").isEqualTo(2);
		clock.advance(Duration.ofDays(7).plusHours(1));
		campaigns.advance(tenant);
		campaigns.advance(tenant);

		assertThat(messagesOf(id)).isEqualTo(3);
		assertThat(jdbc.sql("SELECT contact_id FROM outbox_message WHERE origin_id = ? AND dedupe_key LIKE '%:r7'")
			.param(id).query(String.class).list()).containsExactly(a);
	}

	@Test
	@DisplayName("SEED-04, GDPR-10, GDPR-12: closing reports first, then erases exactly the silent ones and leaves an audit entry")
	void closingErasesTheSilentOnes() {
		String confirmed = contact("+33612100031");
		unproven(confirmed);
		String bounced = contact("+33612100032");
		unproven(bounced);
		String silent = contact("+33612100033");
		unproven(silent);
		moveToATuesdayMorning();
		String id = campaign(clock.instant().plus(Duration.ofDays(14)));
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.get("/api/v1/campaigns/" + id).json().path("messages").path("SENT").asLong() == 3);
		jdbc.sql("UPDATE campaign_recipient SET state = 'CONFIRMED', answered_at = 1 WHERE campaign_id = ? AND contact_id = ?")
			.params(id, confirmed)
			.update();
		jdbc.sql("UPDATE outbox_message SET state = 'FAILED' WHERE origin_id = ? AND contact_id = ?")
			.params(id, bounced)
			.update();

		Api.Response dryRun = api.post("/api/v1/campaigns/" + id + "/close", "");
		assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
		assertThat(dryRun.json().path("dryRun").asBoolean()).isTrue();
		assertThat(dryRun.json().path("noAnswer").asLong()).isEqualTo(1);
		assertThat(dryRun.json().path("bounced").asLong()).isEqualTo(1);
		assertThat(dryRun.json().path("erasure").path("contacts").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts/" + silent).status()).as("a dry run erases nobody").isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns/" + id).text("state")).isEqualTo("RUNNING");

		Api.Response closed = api.post("/api/v1/campaigns/" + id + "/close?dryRun=false", "");

		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
		assertThat(closed.json().path("removed").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts/" + silent).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + confirmed).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/contacts/" + bounced).status()).isEqualTo(200);
		JsonNode campaign = api.get("/api/v1/campaigns/" + id).json();
		assertThat(campaign.path("state").asText()).isEqualTo("CLOSED");
		assertThat(campaign.path("recipients").path("MAY_ASK_HAS_BASIS/REMOVED").asLong()).isEqualTo(1);
		assertThat(campaign.path("recipients").path("MAY_ASK_HAS_BASIS/BOUNCED").asLong()).isEqualTo(1);
		assertThat(campaign.path("recipients").path("MAY_ASK_HAS_BASIS/CONFIRMED").asLong()).isEqualTo(1);
		JsonNode audit = api.get("/api/v1/audit?action=CAMPAIGN_CLOSED").json();
		assertThat(audit.path("items").get(0).path("target").asText()).isEqualTo(id);
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();
		assertThat(api.post("/api/v1/campaigns/" + id + "/close?dryRun=false", "").status()).isEqualTo(409);
	}

	@Test
	@DisplayName("SEED-04: a message still waiting in the queue at the close is cancelled, and its recipient counts as silent, not bounced")
	void closingCancelsWhatWaitsAndCountsItSilent() {
		String c = contact("+33612100041");
		unproven(c);
		moveToATuesdayMorning();
		clock.advance(Duration.ofHours(12)); // after the window: the message waits for the morning
		String id = campaign(clock.instant().plus(Duration.ofDays(30)));
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT reason FROM outbox_message WHERE origin_id = ?").param(id).query(String.class)
				.optional().orElse(null) != null);

		JsonNode dryRun = api.post("/api/v1/campaigns/" + id + "/close", "").json();
		JsonNode closed = api.post("/api/v1/campaigns/" + id + "/close?dryRun=false", "").json();

		for (JsonNode figures : List.of(dryRun, closed)) {
			assertThat(figures.path("noAnswer").asLong()).isEqualTo(1);
			assertThat(figures.path("bounced").asLong()).isZero();
		}
		// Cancelled, then gone with the silent contact's erasure.
		assertThat(closed.path("cancelledMessages").asInt()).isEqualTo(1);
		assertThat(messagesOf(id)).isZero();
	}

	long messagesOf(String campaignId) {
		return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE origin = 'CAMPAIGN' AND origin_id = ?")
			.param(campaignId)
			.query(Long.class)
			.single();
	}

	@Test
	@DisplayName("FR-05, SEED-03, GDPR-02: a definition is checked whole before anything is written")
	void aBadDefinitionIsRefusedWithEveryField() {
		Api.Response r = api.post("/api/v1/campaigns", "{\"purposes\":[\"orders\",\"nope\"],\"plan\":\"SMS\","
				+ "\"questions\":{\"fr\":\"Encore ?\"},\"sms\":{\"fr\":\"Nos offres continuent\"},"
				+ "\"yesWords\":[\"OUI\"],\"noWords\":[\"oui\"],\"deadline\":\"2020-01-01T00:00:00Z\"}");

		assertThat(r.status()).as(r.body()).isEqualTo(422);
		assertThat(r.body()).contains("\"name\"").contains("orders").contains("nope").contains("sms.fr")
			.contains("deadline").contains("noWords");
		assertThat(api.get("/api/v1/notices?purpose=newsletter").json()).hasSize(1);
	}
}
