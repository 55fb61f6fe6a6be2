package org.optinel.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.testing.Api;
import org.optinel.testing.Persons;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge (FR-09, GDPR-12) through {@code POST /api/v1/retention/purge}, 37 months on:
 * which prospects and ex-clients are due, which a consent keeps, what a dry run shows, what a run
 * erases and what it writes to the audit log; runs on SQLite and on PostgreSQL through its two
 * subclasses. The erasure is chunked by two, so a run of three contacts takes two transactions.
 */
// The audit, erasure, export and purge tests share one application context: the same clock, the same chunks.
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = "optinel.contacts.erasure-chunk-size=2")
abstract class RetentionIntegrationTests {

	static final String PURGE = "/api/v1/retention/purge";

	/** A little more than the 36 months of retention, whatever the lengths of the months. */
	static final Duration THIRTY_SEVEN_MONTHS = Duration.ofDays(37 * 31);

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	Api api;

	TenantId tenant;

	String notice;

	/** Prospect, no consent, one SMS reply long ago: due. */
	String silentProspect;

	/** Prospect with a granted consent: kept. */
	String consentingProspect;

	/** Prospect who replied after the clock moved: its last inbound act is recent, kept. */
	String activeProspect;

	/** Prospect whose consent was withdrawn: no granted consent, due. */
	String withdrawnProspect;

	/** Client whose last purchase is 37 months old: the relationship ended 25 months ago, kept. */
	String recentClient;

	/** Ex-client whose last purchase was 13 months old already: 50 months on, due. */
	String formerClient;

	/** Ex-client as old, with a granted consent: kept. */
	String consentingFormerClient;

	@BeforeEach
	void aBaseOfProspectsClientsAndExClients() {
		clock.reset();
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		notice = new Persons(api, tenant, null).newsletter();
		silentProspect = contact("+33611000001");
		assertThat(api.post("/api/v1/inbound/sms", "{\"from\":\"+33611000001\",\"to\":\"36180\",\"text\":\"Bonjour\","
				+ "\"messageId\":\"SM-hello-1\"}").status()).isEqualTo(200);
		consentingProspect = contact("+33611000002");
		answer(consentingProspect, "GRANT");
		activeProspect = contact("+33611000003");
		withdrawnProspect = contact("+33611000004");
		answer(withdrawnProspect, "GRANT");
		answer(withdrawnProspect, "WITHDRAW");
		recentClient = contact("+33611000005");
		purchase(recentClient, null);
		Instant longAgo = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(13).toInstant();
		formerClient = contact("+33611000006");
		purchase(formerClient, longAgo);
		consentingFormerClient = contact("+33611000007");
		purchase(consentingFormerClient, longAgo);
		answer(consentingFormerClient, "GRANT");
	}

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	@DisplayName("FR-09: before the retention period ends, nothing is due")
	void nothingIsDueWithinTheRetentionPeriod() {
		JsonNode report = ok(api.post(PURGE + "?dryRun=true", ""));

		assertThat(report.path("contacts").asInt()).isZero();
		assertThat(report.path("sample")).isEmpty();
	}

	@Test
	@DisplayName("FR-09, GDPR-12: 37 months on, a dry run (the default) counts the due prospects and ex-clients and changes nothing")
	void aDryRunCountsTheDueContactsAndChangesNothing() {
		clock.advance(THIRTY_SEVEN_MONTHS);
		reply(activeProspect, "+33611000003");
		long contacts = Persons.count(jdbc, "contact", tenant);

		JsonNode report = ok(api.post(PURGE, ""));

		assertThat(report.path("dryRun").asBoolean()).isTrue();
		assertThat(report.path("purgeId").isNull()).isTrue();
		assertThat(report.path("prospects").asInt()).isEqualTo(2);
		assertThat(report.path("exClients").asInt()).isEqualTo(1);
		assertThat(report.path("keptByConsent").asInt()).isEqualTo(2);
		assertThat(report.path("contacts").asInt()).isEqualTo(3);
		assertThat(report.path("prospectMonths").asInt()).isEqualTo(36);
		assertThat(report.path("clientMonths").asInt()).isEqualTo(36);
		assertThat(report.path("sample")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder(silentProspect, withdrawnProspect, formerClient);
		assertThat(report.path("records").path("inboundSms").asLong()).isEqualTo(1);
		assertThat(Persons.count(jdbc, "contact", tenant)).isEqualTo(contacts);
		assertThat(Persons.count(jdbc, "inbound_sms", tenant)).isEqualTo(2);
		assertThat(Persons.count(jdbc, "audit_log", tenant)).isZero();
	}

	@Test
	@DisplayName("FR-09, GDPR-10, GDPR-12: 37 months on, a run erases exactly the due contacts and leaves its audit entries")
	void aRunErasesExactlyTheDueContactsAndIsAudited() {
		clock.advance(THIRTY_SEVEN_MONTHS);
		reply(activeProspect, "+33611000003");

		JsonNode report = ok(api.post(PURGE + "?dryRun=false", ""));

		assertThat(report.path("dryRun").asBoolean()).isFalse();
		assertThat(report.path("contacts").asInt()).isEqualTo(3);
		assertThat(report.path("sample")).isEmpty();
		String purgeId = report.path("purgeId").asString();
		for (String due : List.of(silentProspect, withdrawnProspect, formerClient)) {
			assertThat(api.get("/api/v1/contacts/" + due).status()).as(due).isEqualTo(404);
		}
		for (String kept : List.of(consentingProspect, activeProspect, recentClient, consentingFormerClient)) {
			assertThat(api.get("/api/v1/contacts/" + kept).status()).as(kept).isEqualTo(200);
		}
		assertThat(jdbc.sql("SELECT count(*) FROM inbound_sms WHERE tenant_id = ? AND from_phone = '+33611000001'")
			.param(tenant.value()).query(Long.class).single()).isZero();
		assertThat(api.get("/api/v1/ledger/verify").json().path("ok").asBoolean()).isTrue();

		JsonNode purges = api.get("/api/v1/audit?action=RETENTION_PURGE").json().path("items");
		assertThat(purges).singleElement().satisfies(e -> {
			assertThat(e.path("target").asString()).isEqualTo(purgeId);
			assertThat(e.path("count").asInt()).isEqualTo(3);
			assertThat(e.path("actor").asString()).isEqualTo("api-key");
			assertThat(e.path("details").path("prospects").asInt()).isEqualTo(2);
			assertThat(e.path("details").path("exClients").asInt()).isEqualTo(1);
			assertThat(e.path("details").path("keptByConsent").asInt()).isEqualTo(2);
		});
		JsonNode erasures = api.get("/api/v1/audit?action=CONTACT_ERASED").json().path("items");
		assertThat(erasures).hasSize(2).allSatisfy(e -> {
			assertThat(e.path("target").asString()).isEqualTo(purgeId);
			assertThat(e.path("details").path("reason").asString()).isEqualTo("RETENTION");
		});

		JsonNode again = ok(api.post(PURGE + "?dryRun=false", ""));
		assertThat(again.path("contacts").asInt()).as("nothing left to purge").isZero();
	}

	private String contact(String phone) {
		Api.Response created = api.post("/api/v1/contacts", "{\"phone\":\"" + phone + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	private void answer(String contact, String action) {
		String evidence = action.equals("GRANT") ? ",\"noticeId\":\"" + notice + "\",\"evidence\":{\"formId\":\"f\","
				+ "\"ip\":\"198.51.100.1\",\"userAgent\":\"UA\",\"checkbox\":{\"prechecked\":false,\"separateFromTerms\":true}}"
				: "";
		Api.Response r = api.post("/api/v1/consents", "{\"contactId\":\"" + contact + "\",\"channel\":\"EMAIL\","
				+ "\"purpose\":\"newsletter\",\"action\":\"" + action + "\",\"source\":\"WEB_FORM\"" + evidence + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	private void purchase(String contact, Instant at) {
		Api.Response r = api.post("/api/v1/contacts/" + contact + "/activities",
				"{\"type\":\"PURCHASE\"" + (at == null ? "" : ",\"occurredAt\":\"" + at + "\"") + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	/** An SMS reply: an inbound act of the person (FR-09). */
	private void reply(String contact, String phone) {
		Api.Response r = api.post("/api/v1/inbound/sms", "{\"from\":\"" + phone + "\",\"to\":\"36180\",\"text\":\"Merci\","
				+ "\"messageId\":\"SM-" + contact + "\"}");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(api.get("/api/v1/contacts/" + contact).text("lastInboundAt")).isNotNull();
	}

	private static JsonNode ok(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}
}
