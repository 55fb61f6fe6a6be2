package org.optinel.retention;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optinel.core.TenantId;
import org.optinel.messaging.outbox.Outbox;
import org.optinel.testing.Api;
import org.optinel.testing.Persons;
import org.optinel.testing.TestClock;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optinel.testing.ProblemAssertions.assertProblem;

/**
 * The access and portability export (GDPR-11): one JSON document with every part each module
 * keeps of the person, and nothing of anyone else; runs on SQLite and on PostgreSQL through its two
 * subclasses.
 */
// The audit, erasure, export and purge tests share one application context: the same clock, the same chunks.
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = "optinel.contacts.erasure-chunk-size=2")
abstract class ExportIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Outbox outbox;

	@Autowired
	TestClock clock;

	Api api;

	TenantId tenant;

	Persons.Person jeanne;

	Persons.Person paul;

	@BeforeEach
	void twoPersonsWithAHistoryInEveryModule() {
		clock.reset();
		var issued = tenants.create();
		tenant = issued.tenant().id();
		api = new Api(port, issued.apiKey());
		Persons persons = new Persons(api, tenant, outbox);
		String notice = persons.newsletter();
		jeanne = persons.withHistory(notice, "78", "Jeanne");
		paul = persons.withHistory(notice, "79", "Paul");
	}

	@Test
	@DisplayName("GDPR-11: the export holds the contact, activities, consent events with evidence, suppressions, SMS and outbox")
	void theExportHoldsEveryPart() {
		Api.Response response = api.get("/api/v1/contacts/" + jeanne.contactId() + "/export");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode export = response.json();
		assertThat(export.path("format").asString()).isEqualTo("optinel-export/1");
		assertThat(export.path("controller").path("id").asString()).isEqualTo(tenant.value());

		JsonNode contact = export.path("contact");
		assertThat(contact.path("id").asString()).isEqualTo(jeanne.contactId());
		assertThat(contact.path("phone").asString()).isEqualTo(jeanne.phone());
		assertThat(contact.path("email").asString()).isEqualToIgnoringCase(jeanne.email());
		assertThat(contact.path("firstName").asString()).isEqualTo("Jeanne");
		assertThat(contact.path("lastName").asString()).isEqualTo("Dupont78");
		assertThat(contact.path("externalRef").asString()).isEqualTo("CRM-78-4711");
		assertThat(contact.path("lifecycle").asString()).isEqualTo("CLIENT");

		assertThat(export.path("activities")).extracting(a -> a.path("type").asString())
			.containsExactlyInAnyOrder("PURCHASE", "INTERACTION");

		JsonNode consents = export.path("consents");
		assertThat(consents.path("events")).hasSize(2);
		JsonNode grant = consents.path("events").get(0);
		assertThat(grant.path("action").asString()).isEqualTo("GRANT");
		assertThat(grant.path("source").asString()).isEqualTo("WEB_FORM");
		assertThat(grant.path("evidence").path("ip").asString()).isEqualTo("203.0.113.78");
		assertThat(grant.path("evidence").path("userAgent").asString()).contains("Jeanne");
		assertThat(grant.path("intact").asBoolean()).isTrue();
		JsonNode withdrawal = consents.path("events").get(1);
		assertThat(withdrawal.path("source").asString()).isEqualTo("SMS_REPLY");
		assertThat(withdrawal.path("evidence").path("number").asString()).isEqualTo(jeanne.phone());
		assertThat(consents.path("notices")).singleElement()
			.satisfies(n -> assertThat(n.path("text").asString()).isEqualTo("Recevez notre lettre chaque mois."));
		assertThat(consents.path("states")).extracting(s -> s.path("channel").asString() + " " + s.path("status").asString())
			.containsExactlyInAnyOrder("EMAIL GRANTED", "SMS WITHDRAWN");

		JsonNode suppressions = export.path("suppressions");
		assertThat(suppressions).extracting(s -> s.path("identifier").asString()).containsExactly("phone", "email");
		assertThat(suppressions).allSatisfy(s -> assertThat(s.path("suppressed").asBoolean()).isTrue());
		assertThat(suppressions.toString()).doesNotContain("identifierHash").doesNotContain(jeanne.phone());

		JsonNode inbound = export.path("inboundSms");
		assertThat(inbound).extracting(m -> m.path("text").asString()).containsExactlyInAnyOrder("Merci Jeanne ici", "STOP");
		assertThat(inbound).filteredOn(m -> m.path("text").asString().equals("STOP"))
			.singleElement()
			.satisfies(m -> assertThat(m.path("reply").path("kind").asString()).isEqualTo("OPT_OUT_CONFIRMATION"));

		JsonNode sent = export.path("outboxMessages");
		assertThat(sent).extracting(m -> m.path("channel").asString()).containsExactlyInAnyOrder("SMS", "EMAIL");
		assertThat(sent.toString()).contains("Bonjour Jeanne");

		assertThat(response.body()).doesNotContain("Paul").doesNotContain(paul.phone());
	}

	@Test
	@DisplayName("GDPR-11, GDPR-12: every export is in the audit log, without personal data")
	void anExportIsAudited() {
		api.get("/api/v1/contacts/" + jeanne.contactId() + "/export");

		JsonNode entries = api.get("/api/v1/audit?action=CONTACT_EXPORTED").json().path("items");

		assertThat(entries).singleElement().satisfies(e -> {
			assertThat(e.path("target").asString()).isEqualTo(jeanne.contactId());
			assertThat(e.path("details").path("inboundSms").asInt()).isEqualTo(2);
			assertThat(e.toString()).doesNotContain(jeanne.phone()).doesNotContain("Jeanne");
		});
	}

	@Test
	@DisplayName("GDPR-11: an unknown or erased contact has no export")
	void unknownAndErasedContactsHaveNoExport() {
		assertProblem(api.get("/api/v1/contacts/01900000-0000-7000-8000-000000000000/export"), 404, "not-found");
		assertProblem(api.get("/api/v1/contacts/nobody/export"), 404, "not-found");

		api.send(api.builder("/api/v1/contacts/" + jeanne.contactId()).DELETE());

		assertProblem(api.get("/api/v1/contacts/" + jeanne.contactId() + "/export"), 404, "not-found");
		assertThat(api.get("/api/v1/contacts/" + paul.contactId() + "/export").status()).isEqualTo(200);
	}
}
