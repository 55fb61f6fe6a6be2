package org.optinel.consent;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertFieldProblem;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Double opt-in through HTTP: a grant stays pending until the person confirms it with the email
 * token or SMS code, and only then counts; runs on SQLite and on PostgreSQL through its subclasses.
 */
@Import(TestClock.Configuration.class)
abstract class DoubleOptInIntegrationTests {

	static final String CONSENTS = "/api/v1/consents";

	static final String EVIDENCE = "{\"formId\":\"signup-2025\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0 (first)\","
			+ "\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}";

	static final String CONFIRMER = "\"ip\":\"198.51.100.9\",\"userAgent\":\"Mozilla/5.0 (second)\"";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	ConsentManagement consents;

	Api api;

	String tenantId;

	String noticeId;

	@BeforeEach
	void newTenantWhoseNewsletterNeedsConfirmationByEmail() {
		var issued = tenants.create();
		tenantId = issued.tenant().id().value();
		api = new Api(port, issued.apiKey());
		noticeId = ConsentApiIntegrationTests.newsletterNotice(api);
		Api.Response changed = api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"EMAIL\"]}");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(changed.json().path("doubleOptIn").toString()).isEqualTo("[\"EMAIL\"]");
	}

	@AfterEach
	void realTimeAgain() {
		clock.reset();
	}

	static String grant(String person, String channel, String noticeId) {
		return ConsentApiIntegrationTests.grant(person, channel, noticeId, EVIDENCE);
	}

	Api.Response confirm(String eventId, String secret) {
		return api.post(CONSENTS + "/" + eventId + "/confirm", "{" + secret + "," + CONFIRMER + "}");
	}

	@Test
	void anEmailGrantIsPendingUntilTheTokenConfirmsItAndTheProofHoldsBothSteps_GDPR_01_GDPR_02() {
		Api.Response pending = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId));

		assertThat(pending.status()).as(pending.body()).isEqualTo(201);
		assertThat(pending.text("status")).isEqualTo("PENDING");
		assertThat(pending.json().path("pending").asBoolean()).isTrue();
		JsonNode confirmation = pending.json().path("confirmation");
		String token = confirmation.path("token").asString();
		String eventId = pending.text("eventId");
		assertThat(token).hasSizeGreaterThanOrEqualTo(43);
		assertThat(confirmation.path("method").asString()).isEqualTo("EMAIL_TOKEN");
		assertThat(confirmation.path("confirmPath").asString()).isEqualTo(CONSENTS + "/" + eventId + "/confirm");
		assertThat(statusOf(pending.text("contactId"))).isEqualTo("PENDING");
		assertThat(jdbc.sql("SELECT secret_sha256 FROM consent_confirmation WHERE event_id = ?").param(eventId)
			.query(String.class).single()).doesNotContain(token);

		Api.Response confirmed = confirm(eventId, "\"token\":\"" + token + "\"");

		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
		assertThat(confirmed.text("status")).isEqualTo("GRANTED");
		assertThat(confirmed.text("action")).isEqualTo("GRANT");
		assertThat(confirmed.text("confirms")).isEqualTo(eventId);
		assertThat(confirmed.json().path("seq").asLong()).isEqualTo(2);
		assertThat(statusOf(pending.text("contactId"))).isEqualTo("GRANTED");
		String proof = jdbc.sql("SELECT document FROM consent_evidence WHERE event_id = ?").param(confirmed.text("eventId"))
			.query(String.class).single();
		assertThat(proof).contains("203.0.113.7", "Mozilla/5.0 (first)", "198.51.100.9", "Mozilla/5.0 (second)",
				pending.text("occurredAt"), confirmed.text("occurredAt"), "EMAIL_TOKEN", eventId);
		assertChainIntact(2);

		JsonNode bundle = api.get("/api/v1/contacts/" + pending.text("contactId") + "/proof").json();
		assertThat(bundle.path("chain").path("contactEventsIntact").asBoolean()).as("both steps recompute").isTrue();
		assertThat(bundle.path("events").get(0).path("hashedFields").get(0).asString())
			.isEqualTo("optinel-consent-event/2");
		assertThat(bundle.path("events").get(0).path("hashedFields")).hasSameSizeAs(
				bundle.path("encoding").path("doubleOptInFieldNames"));
		assertThat(api.get("/api/v1/consents/" + eventId + "/receipt").text("type"))
			.as("no receipt before the confirmation").endsWith("/pending-grant");
		assertThat(api.get("/api/v1/consents/" + confirmed.text("eventId") + "/receipt").status()).isEqualTo(200);
	}

	@Test
	void anSmsGrantIsConfirmedWithItsSixDigitCode() {
		api.post("/api/v1/purposes", "{\"key\":\"promotions\",\"name\":\"Promotions\",\"kind\":\"MARKETING\","
				+ "\"doubleOptIn\":[\"SMS\"]}");
		String notice = api.post("/api/v1/notices",
				"{\"purpose\":\"promotions\",\"language\":\"fr\",\"text\":\"J'accepte les promotions par SMS.\"}").text("id");
		JsonNode purposes = api.get("/api/v1/purposes").json();
		assertThat(purposes.get(1).path("key").asString()).isEqualTo("promotions");
		assertThat(purposes.get(1).path("doubleOptIn").toString()).isEqualTo("[\"SMS\"]");

		Api.Response pending = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", notice)
			.replace("\"purpose\":\"newsletter\"", "\"purpose\":\"promotions\""));
		String code = pending.json().path("confirmation").path("code").asString();

		assertThat(pending.text("status")).as(pending.body()).isEqualTo("PENDING");
		assertThat(code).matches("[0-9]{6}");
		assertThat(pending.json().path("confirmation").path("token").isNull()).isTrue();
		Api.Response confirmed = confirm(pending.text("eventId"), "\"code\":\"" + code + "\"");
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
		assertThat(confirmed.text("status")).isEqualTo("GRANTED");
		assertChainIntact(2);
	}

	@Test
	void aChannelWithoutDoubleOptInIsGrantedAtOnce() {
		Api.Response granted = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId));

		assertThat(granted.text("status")).as(granted.body()).isEqualTo("GRANTED");
		assertThat(granted.json().path("confirmation").isNull()).isTrue();
	}

	@Test
	void wrongCodesAreCountedAndTheFifthEndsTheConfirmation() {
		api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"SMS\"]}");
		Api.Response pending = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId));
		String code = pending.json().path("confirmation").path("code").asString();
		String wrong = code.equals("000000") ? "111111" : "000000";

		for (int left = 4; left >= 0; left--) {
			Api.Response refused = confirm(pending.text("eventId"), "\"code\":\"" + wrong + "\"");
			assertProblem(refused, 422, "confirmation-invalid");
			assertThat(refused.json().path("attemptsLeft").asInt()).isEqualTo(left);
		}
		assertProblem(confirm(pending.text("eventId"), "\"code\":\"" + code + "\""), 422, "confirmation-attempts-exhausted");

		assertThat(events()).isEqualTo(1);
		assertThat(statusOf(pending.text("contactId"))).isEqualTo("PENDING");
		assertThat(jdbc.sql("SELECT attempts FROM consent_confirmation WHERE event_id = ?").param(pending.text("eventId"))
			.query(Integer.class).single()).isEqualTo(6);
	}

	@Test
	void anExpiredTokenConfirmsNothing() {
		Api.Response pending = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId));
		clock.advance(Duration.ofHours(48).plusMinutes(1));

		assertProblem(confirm(pending.text("eventId"), "\"token\":\"" + pending.json().path("confirmation").path("token")
			.asString() + "\""), 422, "confirmation-expired");

		assertThat(events()).isEqualTo(1);
		assertThat(statusOf(pending.text("contactId"))).isEqualTo("PENDING");
	}

	@Test
	void aTokenConfirmsOnce() {
		Api.Response pending = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId));
		String token = "\"token\":\"" + pending.json().path("confirmation").path("token").asString() + "\"";

		assertThat(confirm(pending.text("eventId"), token).status()).isEqualTo(201);
		assertProblem(confirm(pending.text("eventId"), token), 422, "confirmation-used");
		assertThat(events()).isEqualTo(2);
	}

	@Test
	void aConfirmationAfterAWithdrawalDoesNotGrantAgain_GDPR_01() {
		Api.Response pending = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId));
		api.post(CONSENTS, "{\"contactId\":\"" + pending.text("contactId") + "\",\"channel\":\"EMAIL\",\"purpose\":\"newsletter\","
				+ "\"action\":\"WITHDRAW\",\"source\":\"EMAIL_CLICK\"}");

		assertProblem(confirm(pending.text("eventId"), "\"token\":\""
				+ pending.json().path("confirmation").path("token").asString() + "\""), 409, "confirmation-superseded");

		assertThat(events()).isEqualTo(2);
		assertThat(statusOf(pending.text("contactId"))).isEqualTo("WITHDRAWN");
	}

	@Test
	void aConfirmationWithoutIpAndUserAgentIsRefused_GDPR_02() {
		Api.Response pending = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId));

		assertFieldProblem(api.post(CONSENTS + "/" + pending.text("eventId") + "/confirm", "{\"token\":\"x\"}"), 422,
				"gdpr-02", "ip", "userAgent");
		assertThat(events()).isEqualTo(1);
	}

	@Test
	void anUnknownPendingGrantIsNotFound() {
		Api.Response granted = api.post(CONSENTS, grant("\"phone\":\"0612345678\"", "SMS", noticeId));

		assertProblem(confirm(granted.text("eventId"), "\"code\":\"123456\""), 404, "not-found");
		assertProblem(confirm("0192f0c1-0000-7000-8000-000000000000", "\"code\":\"123456\""), 404, "not-found");
	}

	@Test
	void askingAgainDoesNotSuspendAConfirmedConsentAndTheRebuildAgrees() {
		api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[]}");
		String id = api.post(CONSENTS, grant("\"email\":\"jeanne@example.fr\"", "EMAIL", noticeId)).text("contactId");
		api.patch("/api/v1/purposes/newsletter", "{\"doubleOptIn\":[\"EMAIL\"]}");

		Api.Response again = api.post(CONSENTS, grant("\"contactId\":\"" + id + "\"", "EMAIL", noticeId));

		assertThat(again.json().path("pending").asBoolean()).as(again.body()).isTrue();
		assertThat(again.text("status")).isEqualTo("GRANTED");
		assertThat(consents.rebuild(TenantId.of(tenantId)).differences()).isEmpty();
	}

	String statusOf(String contactId) {
		return api.get("/api/v1/contacts/" + contactId).json().path("consents").get(0).path("status").asString();
	}

	long events() {
		return jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
	}

	void assertChainIntact(long events) {
		JsonNode verified = api.get("/api/v1/ledger/verify").json();
		assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
		assertThat(verified.path("eventsChecked").asLong()).isEqualTo(events);
	}
}
