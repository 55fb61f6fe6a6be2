package org.optinel.contacts;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.consent.ConsentManagement;
import org.optinel.consent.ProjectionRebuild;
import org.optinel.core.TenantId;
import org.optinel.eligibility.EligibilityIndex;
import org.optinel.messaging.outbox.Outbox;
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
import static org.awaitility.Awaitility.await;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * Erasure of a contact (GDPR-10) through {@code DELETE /api/v1/contacts/{id}} and
 * {@link ContactErasure}: nothing personal is left in any table, the suppression list and the
 * consent ledger stay, the audit log says what was done; runs on SQLite and on PostgreSQL through
 * its two subclasses.
 */
// The audit, erasure, export and purge tests share one application context: the same clock, the same chunks.
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = "optinel.contacts.erasure-chunk-size=2")
abstract class ErasureIntegrationTests {

	/** The tables that keep rows of a contact; the tenant holds one person, so all of them must be empty after. */
	static final List<String> PERSONAL = List.of("contact", "activity", "consent_evidence", "consent_state",
			"consent_confirmation", "inbound_sms", "sms_reply", "outbox_message", "outbox_part");

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	@Autowired
	ContactErasure erasure;

	@Autowired
	EligibilityIndex index;

	@Autowired
	ConsentManagement consents;

	@Autowired
	TestClock clock;

	Api api;

	TenantId tenant;

	Persons.Person jeanne;

	@BeforeEach
	void aPersonWithAHistoryInEveryModule() {
		clock.reset();
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		Persons persons = new Persons(api, tenant, outbox);
		jeanne = persons.withHistory(persons.newsletter(), "78", "Jeanne");
		assertThat(Persons.rowsHolding(jdbc, tenant, jeanne)).as("the person's data is there to erase").isNotEmpty();
	}

	@Test
	@DisplayName("GDPR-10: erasure leaves nothing personal in any table; FR-10: the suppressions stay; the ledger still verifies")
	void erasureLeavesNothingPersonalAndKeepsTheSuppressionsAndTheLedger() {
		long suppressions = Persons.count(jdbc, "suppression", tenant);
		long events = Persons.count(jdbc, "consent_event", tenant);
		assertThat(suppressions).as("the SMS STOP and the email objection").isEqualTo(2);

		Api.Response deleted = delete("/api/v1/contacts/" + jeanne.contactId());

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertProblem(api.get("/api/v1/contacts/" + jeanne.contactId()), 404, "not-found");
		assertThat(Persons.rowsHolding(jdbc, tenant, jeanne)).isEmpty();
		for (String table : PERSONAL) {
			assertThat(Persons.count(jdbc, table, tenant)).as(table).isZero();
		}
		assertThat(Persons.count(jdbc, "suppression", tenant)).isEqualTo(suppressions);
		assertThat(jdbc.sql("SELECT count(*) FROM consent_event WHERE tenant_id = ? AND contact_id = ?")
			.params(tenant.value(), jeanne.contactId())
			.query(Long.class)
			.single()).as("the events keep the bare id").isEqualTo(events);
		JsonNode ledger = api.get("/api/v1/ledger/verify").json();
		assertThat(ledger.path("ok").asBoolean()).as(ledger.toString()).isTrue();
		assertThat(ledger.path("eventsChecked").asLong()).isEqualTo(events);
	}

	@Test
	@DisplayName("GDPR-10: an answer for an erased contact is refused, alone or in a batch, and writes nothing")
	void anAnswerForAnErasedContactIsRefused() {
		long events = Persons.count(jdbc, "consent_event", tenant);
		delete("/api/v1/contacts/" + jeanne.contactId());
		String withdrawal = "{\"contactId\":\"" + jeanne.contactId() + "\",\"channel\":\"EMAIL\","
				+ "\"purpose\":\"newsletter\",\"action\":\"WITHDRAW\",\"source\":\"API\"}";

		assertProblem(api.post("/api/v1/consents", withdrawal), 404, "not-found");
		Api.Response batch = api.post("/api/v1/consents/batch", "{\"events\":[" + withdrawal + "]}");
		assertThat(batch.status()).as(batch.body()).isEqualTo(422);
		assertThat(batch.body()).contains("contactId");

		assertThat(Persons.count(jdbc, "consent_event", tenant)).isEqualTo(events);
		assertThat(Persons.count(jdbc, "consent_state", tenant)).isZero();
	}

	@Test
	@DisplayName("GDPR-10: rebuilding the consent states from the ledger brings back none of an erased contact")
	void aRebuildLeavesTheErasedContactWithoutStates() {
		delete("/api/v1/contacts/" + jeanne.contactId());

		ProjectionRebuild rebuild = consents.rebuild(tenant);

		assertThat(rebuild.differences()).isEmpty();
		assertThat(Persons.count(jdbc, "consent_state", tenant)).isZero();
		assertThat(rebuild.eventsRead()).isEqualTo(Persons.count(jdbc, "consent_event", tenant));
	}

	@Test
	@DisplayName("FR-10: a contact created again with an erased number is still suppressed")
	void theSuppressionOutlivesTheErasedContact() {
		delete("/api/v1/contacts/" + jeanne.contactId());

		Api.Response again = api.post("/api/v1/contacts", "{\"phone\":\"" + jeanne.phone() + "\",\"email\":\""
				+ jeanne.email() + "\"}");

		assertThat(again.status()).as(again.body()).isEqualTo(201);
		assertThat(again.json().path("suppressed").toString()).contains("SMS").contains("EMAIL");
		assertThat(again.text("id")).isNotEqualTo(jeanne.contactId());
	}

	@Test
	@DisplayName("GDPR-12: an erasure writes one CONTACT_ERASED audit entry with its counts and reason, no personal data")
	void anErasureIsInTheAuditLog() {
		delete("/api/v1/contacts/" + jeanne.contactId());

		JsonNode entries = api.get("/api/v1/audit?action=CONTACT_ERASED").json().path("items");

		assertThat(entries).hasSize(1);
		JsonNode entry = entries.get(0);
		assertThat(entry.path("actor").asString()).isEqualTo("api-key");
		assertThat(entry.path("target").asString()).isEqualTo(jeanne.contactId());
		assertThat(entry.path("count").asLong()).isEqualTo(1);
		assertThat(entry.path("details").path("reason").asString()).isEqualTo("REQUEST");
		JsonNode records = entry.path("details").path("records");
		assertThat(records.path("contacts").asLong()).isEqualTo(1);
		assertThat(records.path("activities").asLong()).isEqualTo(2);
		assertThat(records.path("consentEvidence").asLong()).isEqualTo(2);
		assertThat(records.path("inboundSms").asLong()).isEqualTo(2);
		assertThat(records.path("smsReplies").asLong()).isEqualTo(1);
		assertThat(records.path("outboxMessages").asLong()).isEqualTo(2);
	}

	@Test
	@DisplayName("GDPR-10: a dry run counts what erasure would delete and changes nothing")
	void aDryRunCountsAndChangesNothing() {
		Map<String, Long> before = counts();

		ErasureReport report = erasure.erase(tenant, List.of(new ContactId(jeanne.contactId())), ContactErasure.REQUEST,
				"operator", true);

		assertThat(report.dryRun()).isTrue();
		assertThat(report.contacts()).isEqualTo(1);
		assertThat(report.notFound()).isZero();
		assertThat(report.records()).containsEntry("contacts", 1L)
			.containsEntry("activities", 2L)
			.containsEntry("consentEvidence", 2L)
			.containsEntry("consentStates", 2L)
			.containsEntry("inboundSms", 2L)
			.containsEntry("smsReplies", 1L)
			.containsEntry("outboxMessages", 2L);
		assertThat(counts()).isEqualTo(before);
		assertThat(Persons.count(jdbc, "audit_log", tenant)).isZero();
	}

	@Test
	@DisplayName("GDPR-10: erasing many contacts goes chunk by chunk, each chunk with its audit entry")
	void manyContactsAreErasedChunkByChunk() {
		Persons persons = new Persons(api, tenant, outbox);
		Persons.Person paul = persons.withHistory(jeanne.noticeId(), "79", "Paul");
		Persons.Person lea = persons.withHistory(jeanne.noticeId(), "80", "Lea");
		List<Integer> progress = new java.util.ArrayList<>();

		ErasureReport report = erasure.erase(tenant,
				List.of(new ContactId(jeanne.contactId()), new ContactId(paul.contactId()), new ContactId(lea.contactId()),
						new ContactId("01900000-0000-7000-8000-000000000000")),
				ContactErasure.RETENTION, "scheduler", false, (done, total) -> progress.add(done));

		assertThat(report.contacts()).isEqualTo(3);
		assertThat(report.notFound()).isEqualTo(1);
		assertThat(report.records()).containsEntry("inboundSms", 6L);
		assertThat(progress).containsExactly(2, 4);
		for (Persons.Person p : List.of(jeanne, paul, lea)) {
			assertThat(Persons.rowsHolding(jdbc, tenant, p)).isEmpty();
		}
		JsonNode entries = api.get("/api/v1/audit?action=CONTACT_ERASED").json().path("items");
		assertThat(entries).hasSize(2).allSatisfy(e -> {
			assertThat(e.path("target").asString()).isEqualTo(report.erasureId());
			assertThat(e.path("actor").asString()).isEqualTo("scheduler");
			assertThat(e.path("details").path("parts").asInt()).isEqualTo(2);
		});
		assertThat(entries.get(0).path("count").asLong() + entries.get(1).path("count").asLong()).isEqualTo(3);
	}

	@Test
	@DisplayName("GDPR-10: the eligibility of an erased contact is a 404 (NO_LEGAL_BASIS in a batch), and the index forgets it")
	void anErasedContactIsNoLongerDecided() {
		index.loadNow(tenant);
		assertThat(index.holds(tenant, jeanne.contactId())).isTrue();

		delete("/api/v1/contacts/" + jeanne.contactId());

		assertThat(index.holds(tenant, jeanne.contactId())).isFalse();
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(index.holds(tenant, jeanne.contactId())).isFalse());
		assertProblem(api.get("/api/v1/eligibility?contactId=" + jeanne.contactId() + "&channel=EMAIL&purpose=newsletter"),
				404, "not-found");
		Api.Response batch = api.post("/api/v1/eligibility/batch", "{\"channel\":\"EMAIL\",\"purpose\":\"newsletter\","
				+ "\"contacts\":[{\"contactId\":\"" + jeanne.contactId() + "\"}]}");
		assertThat(batch.status()).as(batch.body()).isEqualTo(200);
		JsonNode answer = batch.json().path("decisions").get(0);
		assertThat(answer.path("decision").asString()).isEqualTo("DENY");
		assertThat(answer.path("reason").asString()).isEqualTo("NO_LEGAL_BASIS");
		assertThat(answer.path("inBase").asBoolean()).isFalse();
	}

	@Test
	@DisplayName("GDPR-10: erasing an unknown id, or another tenant's contact, is a 404 and erases nothing")
	void unknownContactsAreNotFound() {
		assertProblem(delete("/api/v1/contacts/01900000-0000-7000-8000-000000000000"), 404, "not-found");
		assertProblem(delete("/api/v1/contacts/not-an-id"), 404, "not-found");
		var other = tenants.create();
		Api stranger = api.as(other.apiKey());

		assertProblem(stranger.send(stranger.builder("/api/v1/contacts/" + jeanne.contactId()).DELETE()), 404, "not-found");

		assertThat(api.get("/api/v1/contacts/" + jeanne.contactId()).status()).isEqualTo(200);
		assertThat(Persons.count(jdbc, "audit_log", tenant)).isZero();
	}

	private Api.Response delete(String path) {
		return api.send(api.builder(path).DELETE());
	}

	/** Rows per table; not the outbox's parts, which the dispatcher adds as it sends, whatever a dry run does. */
	private Map<String, Long> counts() {
		Map<String, Long> counts = new HashMap<>();
		for (String table : Persons.TABLES) {
			if (!table.equals("outbox_part")) {
				counts.put(table, Persons.count(jdbc, table, tenant));
			}
		}
		return counts;
	}
}
