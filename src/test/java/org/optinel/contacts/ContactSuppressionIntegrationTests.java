package org.optinel.contacts;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optinel.core.EmailAddress;
import org.optinel.core.PhoneNumber;
import org.optinel.core.TenantId;
import org.optinel.tenancy.IdentifierHashing;
import org.optinel.tenancy.IssuedTenant;
import org.optinel.testing.Api;
import org.optinel.testing.TestTenants;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts screened against the suppression list: their keyed hashes, the flag on the API, the
 * import's count, and the list outliving the contact. Runs on SQLite and on PostgreSQL through its
 * two subclasses.
 */
@RecordApplicationEvents
abstract class ContactSuppressionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	IdentifierHashing hashing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContactHashBackfill backfill;

	@Autowired
	ContactManagement contacts;

	@Autowired
	ContactImporter importer;

	@Autowired
	ApplicationEvents events;

	IssuedTenant tenant;

	Api api;

	@BeforeEach
	void newTenant() {
		tenant = tenants.create();
		api = new Api(port, tenant.apiKey());
	}

	@Test
	void aContactKeepsTheKeyedHashesOfItsPhoneAndEmailThroughChanges() {
		JsonNode created = api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 78\",\"email\":\"Jeanne@Example.fr\"}").json();
		String id = created.get("id").asString();
		assertThat(hashes(id)).containsExactly(hashing.phone(id(), new PhoneNumber("+33612345678")),
				hashing.email(id(), new EmailAddress("jeanne@example.fr")));

		api.patch("/api/v1/contacts/" + id, "{\"phone\":\"0698765432\",\"email\":null}");
		assertThat(hashes(id)).containsExactly(hashing.phone(id(), new PhoneNumber("+33698765432")), null);
	}

	@Test
	void aContactCreatedWithASuppressedNumberExistsAndIsFlaggedSuppressed() { // GDPR-07, SEED-02
		suppress("{\"phone\":\"0612345678\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}");

		Api.Response created = api.post("/api/v1/contacts", "{\"phone\":\"+33 6 12 34 56 78\",\"email\":\"j@example.fr\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("suppressed").toString()).isEqualTo("[\"SMS\"]");
		String id = created.text("id");
		assertThat(api.get("/api/v1/contacts/" + id).json().get("suppressed").toString()).isEqualTo("[\"SMS\"]");

		suppress("{\"email\":\"J@EXAMPLE.FR\",\"reason\":\"OBJECTION\"}");
		assertThat(api.get("/api/v1/contacts").json().get("items").get(0).get("suppressed").toString())
			.as("an all-channels entry of the email").isEqualTo("[\"SMS\",\"EMAIL\"]");

		api.patch("/api/v1/contacts/" + id, "{\"email\":\"other@example.fr\"}");
		assertThat(api.get("/api/v1/contacts/" + id).json().get("suppressed").toString())
			.as("the suppressed email is no longer the contact's").isEqualTo("[\"SMS\"]");
		Api.Response plain = api.post("/api/v1/contacts", "{\"phone\":\"0611111111\"}");
		assertThat(plain.json().get("suppressed").toString()).isEqualTo("[]");
	}

	@Test
	void theSuppressionOutlivesTheContactAndScreensItsReturn() { // FR-10, GDPR-10
		String id = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");
		suppress("{\"phone\":\"0612345678\",\"reason\":\"OBJECTION\"}");

		jdbc.sql("DELETE FROM contact WHERE tenant_id = ? AND contact_id = ?").params(id().value(), id).update();

		JsonNode check = api.get("/api/v1/suppressions/check?phone=0612345678").json();
		assertThat(check.get("suppressed").asBoolean()).isTrue();
		Api.Response back = api.post("/api/v1/contacts", "{\"phone\":\"06 12 34 56 78\"}");
		assertThat(back.status()).isEqualTo(201);
		assertThat(back.json().get("suppressed").toString()).isEqualTo("[\"SMS\",\"EMAIL\"]");
	}

	@Test
	void anImportOfSuppressedNumbersCreatesTheContactsAndSaysHowManyStaySuppressed() { // SEED-02, GDPR-07
		suppress("{\"phone\":\"0612345601\",\"channel\":\"SMS\",\"reason\":\"SMS_STOP\"}");
		suppress("{\"email\":\"paul@example.fr\",\"reason\":\"OBJECTION\"}");
		String existing = api.post("/api/v1/contacts", "{\"phone\":\"0612345603\",\"externalRef\":\"C3\"}").text("id");

		JsonNode job = importAndWait("external_ref;phone;email\n"
				+ "C1;06 12 34 56 01;\n"
				+ "C2;0612345602;paul@example.fr\n"
				+ "C3;;paul.old@example.fr\n"
				+ "C4;0612345604;\n");

		assertThat(job.get("status").asString()).isEqualTo("DONE");
		assertThat(job.get("contactsCreated").asLong()).isEqualTo(3);
		assertThat(job.get("contactsUpdated").asLong()).isEqualTo(1);
		assertThat(job.get("contactsSuppressed").asLong()).isEqualTo(2);
		JsonNode items = api.get("/api/v1/contacts?limit=10").json().get("items");
		assertThat(items).hasSize(4);
		assertThat(suppressedOf(items, "C1")).isEqualTo("[\"SMS\"]");
		assertThat(suppressedOf(items, "C2")).isEqualTo("[\"SMS\",\"EMAIL\"]");
		assertThat(suppressedOf(items, "C4")).isEqualTo("[]");
		assertThat(hashes(existing).get(1)).as("the merged row's email is hashed")
			.isEqualTo(hashing.email(id(), new EmailAddress("paul.old@example.fr")));

		JsonNode again = importAndWait("external_ref;phone\nC1;0612345601\n");
		assertThat(again.get("contactsUnchanged").asLong()).isEqualTo(1);
		assertThat(again.get("contactsSuppressed").asLong()).as("only created or updated contacts count").isZero();
		assertThat(api.get("/api/v1/suppressions/check?phone=0612345601").json().get("suppressed").asBoolean())
			.as("an import never lifts (KW-02)").isTrue();
	}

	@Test
	void contactsStoredBeforeHashesExistedGetThemAtStartUp() {
		String phoneOnly = api.post("/api/v1/contacts", "{\"phone\":\"0612345678\"}").text("id");
		String both = api.post("/api/v1/contacts", "{\"phone\":\"0612345679\",\"email\":\"b@example.fr\"}").text("id");
		List<String> before = hashes(both);
		jdbc.sql("UPDATE contact SET phone_hash = NULL, email_hash = NULL WHERE tenant_id = ?").param(id().value()).update();

		assertThat(backfill.run()).isGreaterThanOrEqualTo(2);

		assertThat(hashes(both)).isEqualTo(before);
		assertThat(hashes(phoneOnly)).containsExactly(hashing.phone(id(), new PhoneNumber("+33612345678")), null);
		assertThat(backfill.run()).as("nothing left to fill").isZero();
	}

	@Test
	void changesToAContactArePublished() {
		ContactManagement.Saved saved = contacts.create(id(),
				ContactDraft.of(null, null, "0612345678", null, null, null, null, null, null, null));
		ContactId id = saved.profile().contact().id();
		contacts.patch(id(), id, ContactDraft.of(null, null, null, "Jeanne", null, null, null, null, null, null));
		contacts.addActivity(id(), id, ActivityType.PURCHASE, null);

		assertThat(events.stream(ContactChanged.class).filter(e -> e.tenant().equals(id())))
			.containsExactly(new ContactChanged(id(), id), new ContactChanged(id(), id), new ContactChanged(id(), id));
	}

	@Test
	void theEndOfAnImportIsPublished(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path file = dir.resolve("contacts.csv");
		java.nio.file.Files.writeString(file, "phone\n0612345678\n");

		ImportSummary summary = importer.importContacts(id(), file, new ImportSource("contacts.csv", "test",
				java.util.Map.of()), ImportProgress.NONE);

		assertThat(events.stream(ContactsImported.class).filter(e -> e.tenant().equals(id())))
			.containsExactly(new ContactsImported(id(), summary.importId()));
	}

	private void suppress(String json) {
		Api.Response response = api.post("/api/v1/suppressions", json);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private static String suppressedOf(JsonNode items, String externalRef) {
		for (JsonNode item : items) {
			if (externalRef.equals(item.get("externalRef").asString())) {
				return item.get("suppressed").toString();
			}
		}
		throw new AssertionError("no contact " + externalRef);
	}

	private List<String> hashes(String contactId) {
		return jdbc.sql("SELECT phone_hash, email_hash FROM contact WHERE tenant_id = ? AND contact_id = ?")
			.params(id().value(), contactId)
			.query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))
			.single();
	}

	private TenantId id() {
		return tenant.tenant().id();
	}

	private JsonNode importAndWait(String csv) {
		Api.Response accepted = api.send(api.builder("/api/v1/imports?fileName=clients.csv&origin=test")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.text("id");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); // clock-ok: a test's own timeout
		while (Instant.now().isBefore(deadline)) { // clock-ok
			JsonNode job = api.get("/api/v1/imports/" + id).json();
			String status = job.get("status").asString();
			if (status.equals("DONE") || status.equals("FAILED")) {
				return job;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("import " + id + " did not finish within 30 s");
	}
}
