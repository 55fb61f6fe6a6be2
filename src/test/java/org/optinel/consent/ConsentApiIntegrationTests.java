package org.optinel.consent;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;
import static org.optinel.testing.ProblemAssertions.fieldsOf;

/**
 * Purposes, notices and consent answers through HTTP, with the rules a grant must pass; runs on
 * SQLite and on PostgreSQL through its two subclasses.
 */
abstract class ConsentApiIntegrationTests {

	static final String CONSENTS = "/api/v1/consents";

	static final String WEB_FORM_EVIDENCE = "{\"formId\":\"signup-2025\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String tenantId;

	String noticeId;

	@BeforeEach
	void newTenantWithANewsletter() {
		var issued = tenants.create();
		tenantId = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		noticeId = newsletterNotice(api);
	}

	static String newsletterNotice(Api api) {
		Api.Response purpose = api.post("/api/v1/purposes",
				"{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"kind\":\"MARKETING\",\"similarProducts\":true}");
		assertThat(purpose.status()).as(purpose.body()).isEqualTo(201);
		Api.Response notice = api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"J'accepte de recevoir la lettre d'information.\"}");
		assertThat(notice.status()).as(notice.body()).isEqualTo(201);
		return notice.text("id");
	}

	static String grant(String person, String channel, String noticeId, String evidence) {
		return "{" + person + ",\"channel\":\"" + channel + "\",\"purpose\":\"newsletter\",\"action\":\"GRANT\","
				+ "\"source\":\"WEB_FORM\",\"noticeId\":\"" + noticeId + "\",\"evidence\":" + evidence + "}";
	}

	// Purposes and notices

	@Test
	void listsPurposesAndRefusesASecondPurposeWithTheSameKey() {
		assertProblem(api.post("/api/v1/purposes", "{\"key\":\"newsletter\",\"name\":\"Again\",\"kind\":\"MARKETING\"}"),
				409, "duplicate-purpose");

		JsonNode purposes = api.get("/api/v1/purposes").json();
		assertThat(purposes).hasSize(1);
		assertThat(purposes.get(0).path("similarProducts").asBoolean()).isTrue();
		assertThat(purposes.get(0).path("kind").asString()).isEqualTo("MARKETING");
	}

	@Test
	void aNewTextForTheSamePurposeAndLanguageIsTheNextVersionAndTheOldOneStays() {
		Api.Response second = api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Nouvelle version du texte.\"}");
		Api.Response same = api.post("/api/v1/notices",
				"{\"purpose\":\"newsletter\",\"language\":\"fr\",\"text\":\"Nouvelle version du texte.\"}");

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json().path("version").asInt()).isEqualTo(2);
		assertThat(second.text("sha256")).isEqualTo(ConsentChain.sha256("Nouvelle version du texte."));
		assertThat(same.status()).isEqualTo(200);
		assertThat(same.text("id")).isEqualTo(second.text("id"));
		JsonNode notices = api.get("/api/v1/notices?purpose=newsletter").json();
		assertThat(notices).hasSize(2);
		assertThat(notices.get(0).path("id").asString()).isEqualTo(noticeId);
		assertThat(notices.get(0).path("text").asString()).isEqualTo("J'accepte de recevoir la lettre d'information.");
	}

	@Test
	void aNoticeCanNeitherBeChangedNorDeleted() {
		assertThat(api.send(api.builder("/api/v1/notices/" + noticeId).DELETE()).status()).isIn(404, 405);
		assertThat(api.send(api.builder("/api/v1/notices/" + noticeId).header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"changed\"}"))).status()).isIn(404, 405);
	}

	@Test
	void aNoticeForAnUnknownPurposeIsRefused() {
		assertFieldProblem(api.post("/api/v1/notices", "{\"purpose\":\"promotions\",\"language\":\"fr\",\"text\":\"x\"}"),
				422, "invalid-input", "purpose");
	}

	// Recording answers

	@Test
	void aRecordedAnswerIsSentWithItsLengthNotInChunks() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(api.builder(CONSENTS)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(grant("\"phone\":\"0612345677\"", "SMS", noticeId, WEB_FORM_EVIDENCE)))
			.build(), HttpResponse.BodyHandlers.ofString());

		// The hot path of single answers: with its length known the response leaves in one write, where
		// a chunked one needs a second for its last chunk.
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(response.headers().firstValueAsLong("Content-Length"))
			.hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"status\":\"GRANTED\"");
	}

	@Test
	void aWebFormGrantForANewPersonMakesAProspectAndShowsInTheContact() {
		Api.Response granted = api.post(CONSENTS, grant("\"phone\":\"06 12 34 56 78\"", "SMS", noticeId, WEB_FORM_EVIDENCE));

		assertThat(granted.status()).as(granted.body()).isEqualTo(201);
		assertThat(granted.json().path("contactCreated").asBoolean()).isTrue();
		assertThat(granted.text("status")).isEqualTo("GRANTED");
		assertThat(granted.json().path("seq").asLong()).isEqualTo(1);
		Api.Response contact = api.get("/api/v1/contacts/" + granted.text("contactId"));
		assertThat(contact.text("phone")).isEqualTo("+33612345678");
		assertThat(contact.text("lifecycle")).isEqualTo("PROSPECT");
		JsonNode consents = contact.json().path("consents");
		assertThat(consents).hasSize(1);
		assertThat(consents.get(0).path("channel").asString()).isEqualTo("SMS");
		assertThat(consents.get(0).path("purpose").asString()).isEqualTo("newsletter");
		assertThat(consents.get(0).path("status").asString()).isEqualTo("GRANTED");
		assertThat(consents.get(0).path("stale").asBoolean()).isFalse();
	}

	@Test
	void aPageOfContactsShowsEachContactsConsentsAsTheContactDoes() {
		String id = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)).text("contactId");
		api.post("/api/v1/contacts", "{\"email\":\"paul@example.fr\"}");

		JsonNode items = api.get("/api/v1/contacts").json().path("items");

		assertThat(items).hasSize(2);
		assertThat(items.get(0)).isEqualTo(api.get("/api/v1/contacts/" + id).json());
		assertThat(items.get(0).path("consents")).hasSize(1);
		assertThat(items.get(1).path("consents")).isEmpty();
	}

	@Test
	void aKnownPersonIsFoundByPhoneOrEmailAndNotCreatedTwice() {
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\",\"email\":\"jeanne@example.fr\"}").text("id");

		Api.Response byEmail = api.post(CONSENTS, grant("\"email\":\"JEANNE@example.fr\"", "EMAIL", noticeId, WEB_FORM_EVIDENCE));

		assertThat(byEmail.status()).as(byEmail.body()).isEqualTo(201);
		assertThat(byEmail.text("contactId")).isEqualTo(id);
		assertThat(byEmail.json().path("contactCreated").asBoolean()).isFalse();
	}

	@Test
	void consentIsKeptPerChannelAndPurpose_GDPR_04() {
		String contact = "\"phone\":\"0612345678\",\"email\":\"jeanne@example.fr\"";
		String id = api.post(CONSENTS, grant(contact, "SMS", noticeId, WEB_FORM_EVIDENCE)).text("contactId");
		api.post(CONSENTS, "{\"contactId\":\"" + id + "\",\"channel\":\"EMAIL\",\"purpose\":\"newsletter\",\"action\":\"DENY\","
				+ "\"source\":\"WEB_FORM\"}");

		JsonNode consents = api.get("/api/v1/contacts/" + id).json().path("consents");

		assertThat(consents).hasSize(2);
		assertThat(consents.get(0).path("channel").asString()).isEqualTo("EMAIL");
		assertThat(consents.get(0).path("status").asString()).isEqualTo("DENIED");
		assertThat(consents.get(1).path("status").asString()).isEqualTo("GRANTED");
	}

	// The rules a grant must pass; a refusal writes nothing

	@Test
	void aPreTickedCheckboxIsRefused_GDPR_01() {
		Api.Response refused = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId,
				"{\"formId\":\"f\",\"ip\":\"203.0.113.7\",\"userAgent\":\"UA\",\"checkbox\":{\"prechecked\":true,\"separateFromTerms\":true}}"));

		assertProblem(refused, 422, "gdpr-01");
		assertThat(refused.text("detail")).startsWith("GDPR-01");
		assertNothingWritten();
	}

	@Test
	void consentTakenWithTheTermsIsRefused_GDPR_03() {
		Api.Response refused = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId,
				"{\"formId\":\"f\",\"ip\":\"203.0.113.7\",\"userAgent\":\"UA\",\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":false}}"));

		assertProblem(refused, 422, "gdpr-03");
		assertThat(refused.text("detail")).contains("GDPR-03");
		assertNothingWritten();
	}

	@Test
	void oneAnswerForSeveralChannelsOrPurposesIsRefused_GDPR_04() {
		api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\"}");
		String bundledChannels = "{\"phone\":\"0612345678\",\"channels\":[\"SMS\",\"EMAIL\"],\"purpose\":\"newsletter\","
				+ "\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + noticeId + "\",\"evidence\":" + WEB_FORM_EVIDENCE + "}";
		String bundledPurposes = "{\"phone\":\"0612345678\",\"channel\":\"SMS\",\"purposes\":[\"newsletter\",\"promotions\"],"
				+ "\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"noticeId\":\"" + noticeId + "\",\"evidence\":" + WEB_FORM_EVIDENCE + "}";

		assertThat(assertProblem(api.post(CONSENTS, bundledChannels), 422, "gdpr-04").text("detail")).contains("GDPR-04");
		assertProblem(api.post(CONSENTS, bundledPurposes), 422, "gdpr-04");
		assertNothingWritten();
	}

	@Test
	void aGrantWithoutANoticeIsRefused_GDPR_02() {
		Api.Response refused = api.post(CONSENTS, "{\"phone\":\"0612345678\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"GRANT\",\"source\":\"WEB_FORM\",\"evidence\":" + WEB_FORM_EVIDENCE + "}");

		assertProblem(refused, 422, "gdpr-02");
		assertThat(fieldsOf(refused)).containsExactly("noticeId");
		assertNothingWritten();
	}

	@Test
	void eachSourceNeedsItsOwnEvidenceForAGrant_GDPR_02() {
		assertThat(fieldsOf(assertProblem(api.post(CONSENTS, grantFrom("WEB_FORM", "{\"formId\":\"f\"}")), 422, "gdpr-02")))
			.containsExactly("evidence.ip", "evidence.userAgent", "evidence.checkbox");
		assertThat(fieldsOf(assertProblem(api.post(CONSENTS, grantFrom("SMS_REPLY", "{\"text\":\"OUI\"}")), 422, "gdpr-02")))
			.containsExactly("evidence.messageId", "evidence.number");
		assertThat(fieldsOf(assertProblem(api.post(CONSENTS, grantFrom("EMAIL_CLICK", "{\"messageId\":\"m-1\"}")), 422, "gdpr-02")))
			.containsExactly("evidence.token");
		assertThat(fieldsOf(assertProblem(api.post(CONSENTS, grantFrom("IMPORT", "{\"originalProof\":\"paper\"}")), 422, "gdpr-02")))
			.containsExactly("evidence.importId");
		assertThat(fieldsOf(assertProblem(api.post(CONSENTS, grantFrom("ADMIN", "{\"adminUser\":\"alice\"}")), 422, "gdpr-02")))
			.containsExactly("evidence.reason");
		assertNothingWritten();
	}

	@Test
	void eachSourceIsAcceptedWithItsEvidence_GDPR_02() {
		assertThat(api.post(CONSENTS, grantFrom("SMS_REPLY", "{\"messageId\":\"in-1\",\"number\":\"+33612345678\",\"text\":\"OUI\"}"))
			.status()).isEqualTo(201);
		assertThat(api.post(CONSENTS, grantFrom("EMAIL_CLICK", "{\"messageId\":\"m-1\",\"token\":\"t-1\"}")).status()).isEqualTo(201);
		assertThat(api.post(CONSENTS, grantFrom("ADMIN", "{\"adminUser\":\"alice\",\"reason\":\"signed form in shop\"}"))
			.status()).isEqualTo(201);
		assertThat(api.post(CONSENTS, grantFrom("IMPORT", "{\"importId\":\"imp-1\",\"originalProof\":\"archived forms 2023\"}"))
			.text("status")).isEqualTo("GRANTED");
	}

	@Test
	void evidenceThatDoesNotBelongToTheSourceIsRefused() {
		assertFieldProblem(api.post(CONSENTS, grantFrom("ADMIN", "{\"adminUser\":\"a\",\"reason\":\"r\",\"ip\":\"1.2.3.4\"}")),
				422, "invalid-input", "evidence.ip");
		assertNothingWritten();
	}

	@Test
	void aWithdrawalNeedsOnlyContactChannelPurposeAndSource_GDPR_05() {
		String id = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)).text("contactId");

		Api.Response withdrawn = api.post(CONSENTS, "{\"contactId\":\"" + id + "\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"WITHDRAW\",\"source\":\"SMS_REPLY\"}");

		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);
		assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
		assertThat(api.get("/api/v1/contacts/" + id).json().path("consents").get(0).path("status").asString())
			.isEqualTo("WITHDRAWN");
	}

	@Test
	void anImportedGrantWithoutProofIsRecordedAsUnproven_EDPB_01() {
		Api.Response imported = api.post(CONSENTS, "{\"phone\":\"0612345678\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"GRANT\",\"source\":\"IMPORT\",\"evidence\":{\"importId\":\"legacy-2017\"}}");

		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.text("status")).isEqualTo("UNPROVEN");
		JsonNode consent = api.get("/api/v1/contacts/" + imported.text("contactId")).json().path("consents").get(0);
		assertThat(consent.path("status").asString()).isEqualTo("UNPROVEN");
	}

	@Test
	void aGrantOlderThanTheRefreshPeriodIsReportedStale_EDPB_02() {
		Instant longAgo = Instant.now().atZone(ZoneOffset.UTC).minusMonths(37).toInstant().truncatedTo(ChronoUnit.SECONDS);
		String old = grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)
			.replace("\"action\"", "\"occurredAt\":\"" + longAgo + "\",\"action\"");
		String recent = grant("\"phone\":\"0612345678\"", "EMAIL", noticeId, WEB_FORM_EVIDENCE);

		String id = api.post(CONSENTS, old).text("contactId");
		api.post(CONSENTS, recent.replace("\"phone\":\"0612345678\"", "\"contactId\":\"" + id + "\""));

		JsonNode consents = api.get("/api/v1/contacts/" + id).json().path("consents");
		assertThat(consents.get(0).path("channel").asString()).isEqualTo("EMAIL");
		assertThat(consents.get(0).path("stale").asBoolean()).isFalse();
		assertThat(consents.get(1).path("stale").asBoolean()).isTrue();
		assertThat(consents.get(1).path("since").asString()).isEqualTo(longAgo.toString());
	}

	@Test
	void aBackDatedAnswerDoesNotOverrideANewerOne() {
		String id = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)).text("contactId");

		Api.Response older = api.post(CONSENTS, "{\"contactId\":\"" + id + "\",\"channel\":\"SMS\",\"purpose\":\"newsletter\","
				+ "\"action\":\"WITHDRAW\",\"source\":\"ADMIN\",\"occurredAt\":\"2020-01-01T00:00:00Z\"}");

		assertThat(older.status()).isEqualTo(201);
		assertThat(older.text("status")).isEqualTo("GRANTED");
	}

	// Bad input: a clear problem, never a 500, nothing written

	@Test
	void anUnknownPurposeIsRefusedAndNothingIsWritten() {
		Api.Response refused = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)
			.replace("\"purpose\":\"newsletter\"", "\"purpose\":\"promotions\""));

		assertFieldProblem(refused, 422, "invalid-input", "purpose");
		assertNothingWritten();
	}

	@Test
	void aNoticeOfAnotherPurposeIsRefused() {
		api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\"}");

		Api.Response refused = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)
			.replace("\"purpose\":\"newsletter\"", "\"purpose\":\"promotions\""));

		assertFieldProblem(refused, 422, "invalid-input", "noticeId");
		assertNothingWritten();
	}

	@Test
	void anUnknownContactIsNotFound() {
		assertProblem(api.post(CONSENTS, grant("\"contactId\":\"0192f0c1-0000-7000-8000-000000000000\"", "SMS", noticeId,
				WEB_FORM_EVIDENCE)), 404, "not-found");
		assertProblem(api.post(CONSENTS, grant("\"contactId\":\"nonsense\"", "SMS", noticeId, WEB_FORM_EVIDENCE)), 404,
				"not-found");
		assertNothingWritten();
	}

	@Test
	void aFutureAnswerIsRefused() {
		String future = grant("\"phone\":\"0612345678\"", "SMS", noticeId, WEB_FORM_EVIDENCE)
			.replace("\"action\"", "\"occurredAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\",\"action\"");

		assertFieldProblem(api.post(CONSENTS, future), 422, "invalid-input", "occurredAt");
		assertNothingWritten();
	}

	@Test
	void missingFieldsAreAllNamed() {
		assertFieldProblem(api.post(CONSENTS, "{}"), 422, "invalid-input", "action", "source", "channel", "purpose",
				"contactId");
		assertProblem(api.post(CONSENTS, "{\"channel\":\"FAX\"}"), 400, "invalid-field-type");
		assertProblem(api.post(CONSENTS, "{\"evidence\":{\"colour\":\"blue\"}}"), 400, "unknown-field");
		assertProblem(api.post(CONSENTS, "{\"phone\":\"12\",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\","
				+ "\"source\":\"API\"}"), 422, "invalid-input");
		assertNothingWritten();
	}

	// Tenant isolation

	@Test
	void anotherTenantsNoticeAndContactAreNeverUsable() {
		var other = tenants.create();
		Api them = api.as(other.apiKey());
		String theirNotice = newsletterNotice(them);
		String theirContact = them.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", theirNotice, WEB_FORM_EVIDENCE))
			.text("contactId");

		assertFieldProblem(api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", theirNotice, WEB_FORM_EVIDENCE)), 422,
				"invalid-input", "noticeId");
		assertProblem(api.post(CONSENTS, grant("\"contactId\":\"" + theirContact + "\"", "SMS", noticeId, WEB_FORM_EVIDENCE)),
				404, "not-found");
		assertProblem(api.get("/api/v1/contacts/" + theirContact), 404, "not-found");
		assertThat(api.get("/api/v1/notices").json()).hasSize(1);
		assertNothingWritten();
		assertThat(them.get("/api/v1/ledger/verify").json().path("eventsChecked").asLong()).isEqualTo(1);
	}

	void assertNothingWritten() {
		assertThat(jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ?").param(tenantId).query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM consent_state WHERE tenant_id = ?").param(tenantId).query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?").param(tenantId).query(Long.class).single())
			.isZero();
	}

	private String grantFrom(String source, String evidence) {
		return "{\"phone\":\"0612345678\",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"GRANT\",\"source\":\""
				+ source + "\",\"noticeId\":\"" + noticeId + "\",\"evidence\":" + evidence + "}";
	}
}
