package org.optinel.consent;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optinel.consent.ConsentApiIntegrationTests.WEB_FORM_EVIDENCE;
import static org.optinel.consent.ConsentApiIntegrationTests.grant;
import static org.optinel.consent.ConsentApiIntegrationTests.newsletterNotice;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * {@code POST /api/v1/consents/batch}: many answers judged first and recorded all or none, in one
 * transaction; runs on SQLite and on PostgreSQL through its two subclasses.
 */
abstract class ConsentBatchIntegrationTests {

	static final String BATCH = "/api/v1/consents/batch";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConsentManagement consents;

	Api api;

	TenantId tenant;

	String noticeId;

	List<String> contacts = new ArrayList<>();

	@BeforeEach
	void newTenantWithANewsletterAndThreeContacts() {
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		noticeId = newsletterNotice(api);
		for (int i = 1; i <= 3; i++) {
			contacts.add(api.post("/api/v1/contacts", "{\"phone\":\"+3361234567" + i + "\"}").text("id"));
		}
	}

	@Test
	void aBatchIsChainedInOrderWithItsProjectionAndAVerifiableLedger() {
		// one event first, so that the batch continues a chain rather than starting one
		assertThat(api.post("/api/v1/consents", withdraw(contacts.get(2), "EMAIL")).status()).isEqualTo(201);

		Api.Response response = api.post(BATCH, batch(
				grant(person(0), "SMS", noticeId, WEB_FORM_EVIDENCE),
				grant(person(1), "SMS", noticeId, WEB_FORM_EVIDENCE),
				withdraw(contacts.get(0), "SMS"),
				grant("\"email\":\"New.Person@Example.org\"", "EMAIL", noticeId, WEB_FORM_EVIDENCE),
				grant(person(0), "EMAIL", noticeId, WEB_FORM_EVIDENCE)));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.path("recorded").asInt()).isEqualTo(5);
		assertThat(body.path("firstSeq").asLong()).isEqualTo(2);
		assertThat(body.path("lastSeq").asLong()).isEqualTo(6);
		JsonNode events = body.path("events");
		for (int i = 0; i < 5; i++) {
			assertThat(events.get(i).path("seq").asLong()).isEqualTo(2 + i);
			assertThat(events.get(i).path("eventId").asString()).isNotBlank();
		}
		// each event answers the state right after it, in the order given
		assertThat(events.get(0).path("status").asString()).isEqualTo("GRANTED");
		assertThat(events.get(2).path("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(events.get(3).path("contactCreated").asBoolean()).isTrue();
		assertThat(events.get(0).path("contactId").asString()).isEqualTo(contacts.get(0));

		LedgerVerification verified = consents.verify(tenant);
		assertThat(verified.ok()).as(verified.toString()).isTrue();
		assertThat(verified.eventsChecked()).isEqualTo(6);
		assertThat(consents.rebuild(tenant).differences()).isEmpty();
		assertThat(status(contacts.get(0), "SMS")).isEqualTo("WITHDRAWN");
		assertThat(status(contacts.get(0), "EMAIL")).isEqualTo("GRANTED");
		assertThat(status(contacts.get(1), "SMS")).isEqualTo("GRANTED");
		assertThat(jdbc.sql("SELECT count(*) FROM consent_evidence WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isEqualTo(4);
	}

	@Test
	void aLargeBatchJudgedOnEveryCoreAndChainedAsideIsRecordedInTheOrderGiven() {
		int size = ConsentManagement.PARALLEL_FROM * 2 + 7;
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			// contact i % 3 on SMS or EMAIL, its grants and withdrawals taking turns
			String channel = i % 2 == 0 ? "SMS" : "EMAIL";
			answers.add((i / 6) % 2 == 0 ? grant(person(i % 3), channel, noticeId, WEB_FORM_EVIDENCE)
					: withdraw(contacts.get(i % 3), channel));
		}

		Api.Response response = api.post(BATCH, batch(answers.toArray(String[]::new)));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode events = response.json().path("events");
		assertThat(events.size()).isEqualTo(size);
		for (int i = 0; i < size; i++) {
			assertThat(events.get(i).path("seq").asLong()).isEqualTo(i + 1);
			assertThat(events.get(i).path("contactId").asString()).isEqualTo(contacts.get(i % 3));
			assertThat(events.get(i).path("status").asString()).as("event %d: %s", i, events.get(i)).isEqualTo((i / 6) % 2 == 0 ? "GRANTED" : "WITHDRAWN");
		}
		LedgerVerification verified = consents.verify(tenant);
		assertThat(verified.ok()).as(verified.toString()).isTrue();
		assertThat(verified.eventsChecked()).isEqualTo(size);
		assertThat(consents.rebuild(tenant).differences()).isEmpty();
		boolean lastRoundGrants = ((size - 1) / 6) % 2 == 0;
		assertThat(status(contacts.get((size - 1) % 3), (size - 1) % 2 == 0 ? "SMS" : "EMAIL"))
			.isEqualTo(lastRoundGrants ? "GRANTED" : "WITHDRAWN");
	}

	@Test
	void aLargeBatchJudgedOnEveryCoreNamesEachBadAnswerByItsIndexAndWritesNothing() {
		int size = ConsentManagement.PARALLEL_FROM * 2;
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			answers.add(grant(person(i % 3), "SMS", noticeId, WEB_FORM_EVIDENCE));
		}
		answers.set(3, withdraw(contacts.get(0), "SMS").replace("newsletter", "unheard-of"));
		answers.set(size / 2, grant("\"phone\":\"not a phone\"", "SMS", noticeId, WEB_FORM_EVIDENCE));
		answers.set(size - 1, withdraw("0190a1b2-c3d4-7e5f-8a6b-0c1d2e3f4a5b", "SMS"));

		Api.Response response = api.post(BATCH, batch(answers.toArray(String[]::new)));

		assertProblem(response, 422, "invalid-batch");
		List<String> errors = new ArrayList<>();
		response.json().path("errors").forEach(e -> errors.add(e.path("index").asInt() + ":" + e.path("field").asString()));
		assertThat(errors).containsExactly("3:purpose", (size / 2) + ":phone", (size - 1) + ":contactId");
		assertNothingWritten();
	}

	@Test
	void aBadAnswerAnywhereRefusesTheWholeBatchNamingEachByIndexAndNothingIsWritten() {
		Api.Response response = api.post(BATCH, batch(
				"{" + person(0) + ",\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\",\"source\":\"API\"}",
				grant(person(1), "SMS", noticeId, WEB_FORM_EVIDENCE),
				withdraw(contacts.get(2), "SMS").replace("newsletter", "unheard-of"),
				grant("\"phone\":\"not a phone\"", "SMS", noticeId, WEB_FORM_EVIDENCE),
				withdraw("0190a1b2-c3d4-7e5f-8a6b-0c1d2e3f4a5b", "SMS")));

		assertProblem(response, 422, "invalid-batch");
		List<String> errors = new ArrayList<>();
		response.json().path("errors").forEach(e -> errors.add(e.path("index").asInt() + ":" + e.path("field").asString()));
		assertThat(errors).containsExactlyInAnyOrder("0:channel", "2:purpose", "3:phone", "4:contactId");
		assertNothingWritten();
	}

	@Test
	void eachAnswerIsJudgedByTheConsentRules_GDPR_01_GDPR_02_GDPR_03_GDPR_04() {
		String preTicked = "{\"formId\":\"f\",\"ip\":\"203.0.113.7\",\"userAgent\":\"UA\","
				+ "\"checkbox\":{\"prechecked\":true,\"separateFromTerms\":true}}";
		String withTheTerms = "{\"formId\":\"f\",\"ip\":\"203.0.113.7\",\"userAgent\":\"UA\","
				+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":false}}";
		Api.Response response = api.post(BATCH, batch(
				grant(person(0), "SMS", noticeId, WEB_FORM_EVIDENCE),
				grant(person(0), "EMAIL", noticeId, preTicked),
				grant(person(1), "SMS", noticeId, "{\"formId\":\"f\"}"),
				grant(person(1), "EMAIL", noticeId, withTheTerms),
				grant(person(2), "SMS", noticeId, WEB_FORM_EVIDENCE).replace("\"channel\":\"SMS\"",
						"\"channels\":[\"SMS\",\"EMAIL\"]")));

		assertProblem(response, 422, "invalid-batch");
		List<String> rules = new ArrayList<>();
		response.json().path("errors").forEach(e -> rules.add(e.path("index").asInt() + ":" + e.path("rule").asString()));
		assertThat(rules).contains("1:GDPR-01", "2:GDPR-02", "3:GDPR-03", "4:GDPR-04").noneMatch(r -> r.startsWith("0:"));
		assertNothingWritten();
	}

	@Test
	void anImportedGrantWithoutItsProofIsRecordedAsUnprovenBesideTheOthers_EDPB_01() {
		String unproven = "{" + person(0) + ",\"channel\":\"SMS\",\"purpose\":\"newsletter\",\"action\":\"GRANT\","
				+ "\"source\":\"IMPORT\",\"evidence\":{\"importId\":\"crm-2019\"}}";
		Api.Response response = api.post(BATCH, batch(unproven, grant(person(1), "SMS", noticeId, WEB_FORM_EVIDENCE)));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().path("events").get(0).path("status").asString()).isEqualTo("UNPROVEN");
		assertThat(response.json().path("events").get(1).path("status").asString()).isEqualTo("GRANTED");
		assertThat(status(contacts.get(0), "SMS")).isEqualTo("UNPROVEN");
	}

	@Test
	void anEmptyOrOversizedBatchIsRefused() {
		assertProblem(api.post(BATCH, "{\"events\":[]}"), 422, "invalid-input");
		ConsentCapture one = new ConsentCapture(contacts.get(0), null, null, List.of(org.optinel.core.Channel.SMS),
				List.of("newsletter"), ConsentAction.WITHDRAW, ConsentSource.API, null, null, null);
		assertThatThrownBy(() -> consents.recordAll(tenant, java.util.Collections.nCopies(ConsentManagement.MAX_BATCH + 1, one)))
			.isInstanceOf(org.optinel.core.InvalidInputException.class)
			.hasMessageContaining("10000");
		assertNothingWritten();
	}

	@Test
	void aRetriedBatchWithTheSameKeyIsRecordedOnce() {
		String body = batch(grant(person(0), "SMS", noticeId, WEB_FORM_EVIDENCE), withdraw(contacts.get(1), "SMS"));

		Api.Response first = post("batch-1", body);
		Api.Response retry = post("batch-1", body);
		Api.Response other = post("batch-1", batch(withdraw(contacts.get(2), "SMS")));

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json()).isEqualTo(first.json());
		assertProblem(other, 409, "idempotency-key-reused");
		assertThat(consents.verify(tenant).eventsChecked()).isEqualTo(2);
	}

	private Api.Response post(String key, String body) {
		return api.send(api.builder(BATCH)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private String person(int i) {
		return "\"contactId\":\"" + contacts.get(i) + "\"";
	}

	private static String withdraw(String contactId, String channel) {
		return "{\"contactId\":\"" + contactId + "\",\"channel\":\"" + channel
				+ "\",\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\",\"source\":\"API\"}";
	}

	private static String batch(String... events) {
		return "{\"events\":[" + String.join(",", events) + "]}";
	}

	private String status(String contactId, String channel) {
		return jdbc.sql("SELECT status FROM consent_state WHERE tenant_id = ? AND contact_id = ? AND channel = ?")
			.params(tenant.value(), contactId, channel)
			.query(String.class)
			.single();
	}

	private void assertNothingWritten() {
		assertThat(jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM consent_state WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE tenant_id = ?").param(tenant.value())
			.query(Long.class).single()).isEqualTo(3);
	}
}
